package dev.clusteripam.api.ipam;

/** The API group of our pool kinds, shared with Cluster API's IPAddressClaim and IPAddress. */
public final class IpamGroup {

    public static final String NAME = "ipam.cluster.x-k8s.io";

    /** The category {@code kubectl get cluster-api} lists, as Cluster API's own kinds use. */
    public static final String CATEGORY = "cluster-api";

    private IpamGroup() {
    }
}

package dev.clusteripam.app.testing;

import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/** The pools and claims the end-to-end scenarios of the command line and the image create, in the client's namespace. */
public final class ScenarioObjects {

    private ScenarioObjects() {
    }

    /** An InClusterIPPool of one entry with prefix 24. */
    public static void ipPool(KubernetesClient client, String name, String addresses, Optional<String> gateway) {
        InClusterIPPool pool = new InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).build());
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of(addresses), 24);
        gateway.ifPresent(spec::setGateway);
        pool.setSpec(spec);
        client.resource(pool).create();
    }

    /** A claim for an address of the InClusterIPPool {@code pool}. */
    public static void claim(KubernetesClient client, String name, String pool) {
        IPAddressClaim claim = new IPAddressClaim();
        claim.setMetadata(new ObjectMetaBuilder().withName(name).build());
        IPAddressClaimSpec spec = new IPAddressClaimSpec();
        spec.setPoolRef(new IPPoolReference("ipam.cluster.x-k8s.io", "InClusterIPPool", pool));
        claim.setSpec(spec);
        client.resource(claim).create();
    }
}

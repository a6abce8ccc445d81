package dev.clusteripam.webhook.testing;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaimReference;
import dev.clusteripam.api.capi.IPAddressSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.IpamGroup;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/** Pools and IPAddresses as tests write them. */
public final class Pools {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Pools() {
    }

    public static InClusterIPPool ipPool(String namespace, String name, InClusterIPPoolSpec spec) {
        InClusterIPPool pool = new InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        pool.setSpec(spec);
        return pool;
    }

    public static GlobalInClusterIPPool globalIpPool(String name, InClusterIPPoolSpec spec) {
        GlobalInClusterIPPool pool = new GlobalInClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).build());
        pool.setSpec(asGlobal(spec, GlobalInClusterIPPoolSpec.class));
        return pool;
    }

    /** A namespaced pool's spec as that of the global kind: the same fields, and no namespace selector. */
    public static <S> S asGlobal(Object spec, Class<S> globalSpecClass) {
        return SERIALIZATION.convertValue(spec, globalSpecClass);
    }

    public static InClusterPrefixPool prefixPool(String namespace, String name, InClusterPrefixPoolSpec spec) {
        InClusterPrefixPool pool = new InClusterPrefixPool();
        pool.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        pool.setSpec(spec);
        return pool;
    }

    /** An IP pool spec with the two required fields. */
    public static InClusterIPPoolSpec addresses(int prefix, String... addresses) {
        return new InClusterIPPoolSpec(List.of(addresses), prefix);
    }

    /** A prefix pool spec. */
    public static InClusterPrefixPoolSpec prefixes(int allocationPrefixLength, String... prefixes) {
        return new InClusterPrefixPoolSpec(List.of(prefixes), allocationPrefixLength);
    }

    /** An IPAddress named {@code name} in {@code namespace} holding {@code address/prefix} from the pool. */
    public static IPAddress ipAddress(String namespace, String name, String poolKind, String poolName, String address,
            int prefix) {
        IPAddress ipAddress = new IPAddress();
        ipAddress.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        IPAddressSpec spec = new IPAddressSpec();
        spec.setAddress(address);
        spec.setPrefix(prefix);
        spec.setClaimRef(new IPAddressClaimReference(name));
        spec.setPoolRef(new IPPoolReference(IpamGroup.NAME, poolKind, poolName));
        ipAddress.setSpec(spec);
        return ipAddress;
    }
}

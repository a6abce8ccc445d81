package dev.clusteripam.bench.chaos;

import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** The pools the scenarios make. */
final class Pools {

    static final String IP_POOL = "InClusterIPPool";

    private Pools() {
    }

    static InClusterIPPool ipPool(String namespace, String name, List<String> addresses, int prefix) {
        InClusterIPPool pool = new InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        pool.setSpec(new InClusterIPPoolSpec(addresses, prefix));
        return pool;
    }

    /** {@code count} pools {@code name-0..} of a /22 each, 10.(base+i).0.0/22 (1,022 addresses). */
    static List<InClusterIPPool> slash22s(String namespace, String name, int base, int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> ipPool(namespace, name + "-" + i, List.of("10." + (base + 4 * i) + ".0.0/22"), 22))
                .toList();
    }
}

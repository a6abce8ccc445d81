package dev.clusteripam.bench.chaos;

import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.stream.IntStream;

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

    /** Creates the three pools a burst is spread over, pool-0..2, a /22 each (1,022 addresses); returns their names. */
    static List<String> createBurstPools(KubernetesClient client, String namespace) {
        List<InClusterIPPool> pools = IntStream.range(0, 3)
                .mapToObj(i -> ipPool(namespace, "pool-" + i, List.of("10." + (100 + 4 * i) + ".0.0/22"), 22))
                .toList();
        pools.forEach(pool -> client.resource(pool).create());
        return pools.stream().map(pool -> pool.getMetadata().getName()).toList();
    }
}

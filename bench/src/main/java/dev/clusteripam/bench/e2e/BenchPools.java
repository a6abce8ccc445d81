package dev.clusteripam.bench.e2e;

import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/** The pools of the workloads, made in the benchmark's namespace. */
final class BenchPools {

    static final String IP_POOL = "InClusterIPPool";
    static final String PREFIX_POOL = "InClusterPrefixPool";

    private final KubernetesClient client;
    private final String namespace;

    BenchPools(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    void ipPool(String name, String cidr, int prefix, Optional<String> gateway) {
        InClusterIPPool pool = new InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of(cidr), prefix);
        gateway.ifPresent(spec::setGateway);
        pool.setSpec(spec);
        client.resource(pool).create();
    }

    void prefixPool(String name, String prefix, int allocationPrefixLength) {
        InClusterPrefixPool pool = new InClusterPrefixPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        pool.setSpec(new InClusterPrefixPoolSpec(List.of(prefix), allocationPrefixLength));
        client.resource(pool).create();
    }
}

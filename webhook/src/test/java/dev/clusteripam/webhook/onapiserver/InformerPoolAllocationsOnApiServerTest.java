package dev.clusteripam.webhook.onapiserver;

import static dev.clusteripam.webhook.testing.Pools.ipAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import dev.clusteripam.webhook.allocations.IPAddressPoolIndex;
import dev.clusteripam.webhook.allocations.InformerPoolAllocations;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.webhook.allocations.PoolRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Which IPAddresses name a pool, answered from an informer on a real API server. */
@WithKubernetes
class InformerPoolAllocationsOnApiServerTest {

    @Test
    void findsTheIPAddressesOfAPoolAsTheyComeAndGo(KubernetesClient client, ControlPlane plane) throws Exception {
        String ns = client.getNamespace();
        String global = "global-" + UUID.randomUUID().toString().substring(0, 8);
        try (KubernetesClient other = plane.newClient("default");
                InformerPoolAllocations allocations = InformerPoolAllocations.start(client)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(allocations::hasSynced);
            PoolRef pool = PoolRef.of(PoolKind.IN_CLUSTER_IP_POOL, ns, "pool");
            PoolRef globalPool = PoolRef.of(PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, ns, global);

            IPAddress first = client.resources(IPAddress.class)
                    .resource(ipAddress(ns, "a", "InClusterIPPool", "pool", "10.0.0.2", 24)).create();
            client.resources(IPAddress.class).resource(ipAddress(ns, "b", "InClusterIPPool", "other", "10.0.0.3", 24)).create();
            client.resources(IPAddress.class).resource(ipAddress(ns, "c", "GlobalInClusterIPPool", global, "10.0.0.4", 24)).create();
            other.resources(IPAddress.class).resource(ipAddress("default", "d-" + global, "GlobalInClusterIPPool", global,
                    "10.0.0.5", 24)).create();

            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(names(allocations.addressesOf(pool))).containsExactly("a");
                assertThat(names(allocations.addressesOf(globalPool))).containsExactlyInAnyOrder("c", "d-" + global);
            });

            client.resource(first).delete();

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> allocations.addressesOf(pool).isEmpty());
            other.resources(IPAddress.class).withName("d-" + global).delete();
        }
    }

    @Test
    void anInformerOfTheProviderNeedsTheIndex(KubernetesClient client) {
        SharedIndexInformer<IPAddress> withoutIndex = client.resources(IPAddress.class).inAnyNamespace().runnableInformer(0);
        SharedIndexInformer<IPAddress> withIndex = client.resources(IPAddress.class).inAnyNamespace().runnableInformer(0)
                .addIndexers(IPAddressPoolIndex.indexers());

        assertThatThrownBy(() -> InformerPoolAllocations.over(withoutIndex))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the IPAddress informer lacks the index ipam.cluster.x-k8s.io/pool; add IPAddressPoolIndex.indexers()"
                        + " before starting it");
        try (InformerPoolAllocations allocations = InformerPoolAllocations.over(withIndex)) {
            assertThat(allocations.hasSynced()).isFalse();
            assertThatThrownBy(() -> allocations.addressesOf(PoolRef.of(PoolKind.IN_CLUSTER_IP_POOL, "ns", "pool")))
                    .hasMessage("the cache of IPAddresses is still loading");
        }
    }

    private static List<String> names(List<IPAddress> addresses) {
        return addresses.stream().map(a -> a.getMetadata().getName()).toList();
    }
}

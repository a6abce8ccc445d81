package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.ConditionStatus;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: two pools that share addresses carry {@code Overlapping=True} naming each other and the
 * shared range, and the per-pool gauge counts the other pool; when one pool moves away, the other
 * pool's condition turns False without the other pool itself changing. The ranges are from
 * 198.51.100.0/24, which no other test's pools use on the shared control plane.
 */
@WithKubernetes
class OverlapConditionTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void overlappingPoolsAreConditionedAndCountedUntilOneMovesAway(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        String namespace = client.getNamespace();
        ProviderOptions options = new ProviderOptions(Optional.of(namespace), Optional.empty(), 4, Optional.empty());
        try (InProcessProvider provider = InProcessProvider.start(plane, options, ProviderMetrics.on(registry), Provider.ORPHAN_SWEEP_INTERVAL)) {
            given.ipPool("first", 24, List.of("198.51.100.10-198.51.100.20"), Optional.empty());
            given.ipPool("second", 24, List.of("198.51.100.15-198.51.100.30"), Optional.empty());

            await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> {
                assertThat(overlapping(client, "first")).satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo(ConditionStatus.TRUE);
                    assertThat(c.getReason()).isEqualTo("PoolsOverlap");
                    assertThat(c.getMessage()).isEqualTo("shares addresses 198.51.100.15-198.51.100.20 with InClusterIPPool/" + namespace + "/second");
                });
                assertThat(overlapping(client, "second").getMessage()).endsWith("with InClusterIPPool/" + namespace + "/first");
                assertThat(gauge("capi.ipam.pool.overlaps", "namespace", namespace, "pool", "first")).isEqualTo(1);
                assertThat(gauge("capi.ipam.pools.overlapping")).isGreaterThanOrEqualTo(2);
            });

            client.resources(InClusterIPPool.class).withName("second").edit(pool -> {
                pool.getSpec().setAddresses(List.of("198.51.100.40-198.51.100.50"));
                return pool;
            });

            await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> {
                assertThat(overlapping(client, "first")).satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo(ConditionStatus.FALSE);
                    assertThat(c.getReason()).isEqualTo("NoOverlap");
                });
                assertThat(gauge("capi.ipam.pool.overlaps", "namespace", namespace, "pool", "first")).isZero();
            });
        }
    }

    private static Condition overlapping(KubernetesClient client, String pool) {
        InClusterIPPool current = client.resources(InClusterIPPool.class).withName(pool).get();
        assertThat(current.getStatus()).isNotNull();
        return current.getStatus().getConditions().stream().filter(c -> "Overlapping".equals(c.getType())).findFirst().orElseThrow();
    }

    private double gauge(String name, String... tags) {
        Gauge gauge = registry.find(name).tags(tags).gauge();
        return gauge == null ? -1 : gauge.value();
    }
}

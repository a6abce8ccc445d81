package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The provider's metrics after a scenario on the real API server equal what the cluster shows:
 * the pool's status counts, the IPAddresses made, the claims refused and still waiting. The
 * provider serves the test's namespace only, so that claims other tests left behind on the shared
 * control plane do not count.
 */
@WithKubernetes
class ProviderMetricsTest {

    private static final Duration PATIENCE = ClaimScenarios.PATIENCE;

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void afterAllocationsARefusalAndAReleaseTheMetricsMatchTheCluster(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        String namespace = client.getNamespace();
        try (InProcessProvider provider = startFor(plane, namespace)) {
            given.ipPool("small", 24, List.of("10.0.0.10-10.0.0.11"), Optional.empty());
            given.claim("a", "InClusterIPPool", "small");
            given.claim("b", "InClusterIPPool", "small");
            given.awaitAddress("a");
            given.awaitAddress("b");
            given.claim("c", "InClusterIPPool", "small");
            given.awaitNotReady("c", "PoolExhausted");
            given.claim("lost", "InClusterIPPool", "missing");
            given.awaitNotReady("lost", "PoolNotReady");

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(poolGauges(namespace, "small")).isEqualTo(poolStatus(client, "small")).isEqualTo(new IPAddressCounts(2, 0, 2, 0));
                assertThat(counter("capi.ipam.allocations", "pool", "small")).isEqualTo(addressCount(client));
                assertThat(gauge("capi.ipam.claims.waiting", "reason", "PoolExhausted")).isEqualTo(1);
                assertThat(gauge("capi.ipam.claims.waiting", "reason", "PoolNotReady")).isEqualTo(1);
            });
            assertThat(counter("capi.ipam.allocation.failures", "reason", "PoolExhausted")).isEqualTo(1);
            assertThat(counter("capi.ipam.allocation.failures", "reason", "PoolNotReady")).isEqualTo(1);
            assertThat(gauge("capi.ipam.claims.oldest.waiting", "reason", "PoolNotReady")).isGreaterThanOrEqualTo(0);

            given.deleteClaim("a");
            given.awaitAddress("c");

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(poolGauges(namespace, "small")).isEqualTo(poolStatus(client, "small")).isEqualTo(new IPAddressCounts(2, 0, 2, 0));
                assertThat(counter("capi.ipam.allocations", "pool", "small")).isEqualTo(3);
                assertThat(counter("capi.ipam.releases", "pool", "small")).isEqualTo(1);
                assertThat(gauge("capi.ipam.claims.waiting", "reason", "PoolExhausted")).isZero();
                assertThat(gauge("capi.ipam.claims.oldest.waiting", "reason", "PoolExhausted")).isZero();
            });
            assertThat(addressCount(client)).as("b and c hold addresses; a's was released").isEqualTo(2);
            assertThat(counter("capi.ipam.allocation.failures", "reason", "PoolExhausted")).as("refused once, then served").isEqualTo(1);
            assertThat(gauge("capi.ipam.claims.waiting", "reason", "PoolNotReady")).isEqualTo(1);
            Timer latency = registry.find("capi.ipam.allocation.duration").timer();
            assertThat(latency.count()).as("a, b and c were each served once").isEqualTo(3);
            assertThat(counter("capi.ipam.reconciles", "controller", "ipaddressclaims", "result", "success")).isPositive();
            assertThat(gauge("capi.ipam.reconcile.queue.depth", "controller", "ipaddressclaims")).isZero();
        }
    }

    @Test
    void aDeletedPoolsSeriesGoWithIt(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        String namespace = client.getNamespace();
        try (InProcessProvider provider = startFor(plane, namespace)) {
            given.ipPool("short-lived", 24, List.of("10.0.1.0/24"), Optional.empty());
            given.claim("m", "InClusterIPPool", "short-lived");
            given.awaitAddress("m");
            await().atMost(PATIENCE).until(() -> poolGauges(namespace, "short-lived").getUsed() == 1);

            given.deleteClaim("m");
            client.resources(InClusterIPPool.class).withName("short-lived").delete();
            await().atMost(PATIENCE).until(() -> client.resources(InClusterIPPool.class).withName("short-lived").get() == null);

            assertThat(registry.find("capi.ipam.pool.addresses").tag("pool", "short-lived").meters()).isEmpty();
            assertThat(registry.find("capi.ipam.allocations").tag("pool", "short-lived").meters()).isEmpty();
        }
    }

    @Test
    void aClaimWaitingForItsPoolCountsAsWaitingUntilItIsDeleted(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        try (InProcessProvider provider = startFor(plane, client.getNamespace())) {
            given.claim("lost", "InClusterIPPool", "missing");
            given.awaitNotReady("lost", "PoolNotReady");
            await().atMost(PATIENCE).until(() -> gauge("capi.ipam.claims.waiting", "reason", "PoolNotReady") == 1);

            given.deleteClaim("lost");

            await().atMost(PATIENCE).until(() -> gauge("capi.ipam.claims.waiting", "reason", "PoolNotReady") == 0);
        }
    }

    private InProcessProvider startFor(ControlPlane plane, String namespace) {
        ProviderOptions options = new ProviderOptions(Optional.of(namespace), Optional.empty(), 4, Optional.empty());
        return InProcessProvider.start(plane, options, ProviderMetrics.on(registry), Provider.ORPHAN_SWEEP_INTERVAL);
    }

    private IPAddressCounts poolGauges(String namespace, String pool) {
        return new IPAddressCounts(poolGauge(namespace, pool, "total"), poolGauge(namespace, pool, "free"),
                poolGauge(namespace, pool, "used"), poolGauge(namespace, pool, "outOfRange"));
    }

    private long poolGauge(String namespace, String pool, String state) {
        Gauge gauge = registry.find("capi.ipam.pool.addresses")
                .tags("kind", "InClusterIPPool", "namespace", namespace, "pool", pool, "state", state).gauge();
        return gauge == null ? -1 : (long) gauge.value();
    }

    private static IPAddressCounts poolStatus(KubernetesClient client, String pool) {
        InClusterIPPool current = client.resources(InClusterIPPool.class).withName(pool).get();
        return current.getStatus() == null ? new IPAddressCounts() : current.getStatus().getIpAddresses();
    }

    private static long addressCount(KubernetesClient client) {
        return client.resources(IPAddress.class).list().getItems().size();
    }

    private double gauge(String name, String... tags) {
        Gauge gauge = registry.find(name).tags(tags).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private long counter(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : (long) counter.count();
    }
}

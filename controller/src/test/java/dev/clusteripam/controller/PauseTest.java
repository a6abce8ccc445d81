package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.Cluster;
import dev.clusteripam.api.capi.ClusterSpec;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SPEC 2.7, on the real API server: nothing is done for a claim while its Cluster or its pool is
 * paused. Each claim first waits for another reason (counted as waiting), then the pause comes: the
 * claim leaving the waiting count shows that the provider looked at it again and found it paused,
 * so that it still having no address then shows the pause held, not that it was not reached yet.
 * A claim served instead would leave the count too, but only after its IPAddress was made.
 */
@WithKubernetes
class PauseTest {

    private static final String WAITING = "capi.ipam.claims.waiting";
    private static final String CLUSTER_NAME_LABEL = "cluster.x-k8s.io/cluster-name";

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aClaimWaitsWhileItsClusterIsPausedOrMissing(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.empty());
        try (InProcessProvider provider = startIn(plane, client.getNamespace())) {
            given.claim("claim", "ipam.cluster.x-k8s.io", "InClusterIPPool", "pool", Map.of(CLUSTER_NAME_LABEL, "later"));
            assertThat(given.awaitNotReady("claim", "AllocationFailed")).contains("Cluster").contains("later");
            await().atMost(ClaimScenarios.PATIENCE).until(() -> waiting("AllocationFailed") == 1);

            client.resource(cluster("later", true)).create();

            await().atMost(ClaimScenarios.PATIENCE).until(() -> waiting("AllocationFailed") == 0);
            assertThat(client.resources(IPAddress.class).withName("claim").get()).as("paused Cluster: nothing allocated").isNull();

            client.resources(Cluster.class).withName("later").edit(cluster -> {
                cluster.getSpec().setPaused(false);
                return cluster;
            });
            assertThat(given.awaitAddress("claim").getSpec().getAddress()).isEqualTo("10.0.0.1");
        }
    }

    @Test
    void aPausedPoolServesNobodyUntilItIsUnpaused(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        try (InProcessProvider provider = startIn(plane, client.getNamespace())) {
            given.claim("waiting", "InClusterIPPool", "pool");
            assertThat(given.awaitNotReady("waiting", "PoolNotReady")).contains("does not exist");
            await().atMost(ClaimScenarios.PATIENCE).until(() -> waiting("PoolNotReady") == 1);

            InClusterIPPool pool = new InClusterIPPool();
            pool.setMetadata(new ObjectMetaBuilder().withName("pool").withAnnotations(Map.of("cluster.x-k8s.io/paused", "true")).build());
            pool.setSpec(new InClusterIPPoolSpec(List.of("10.0.0.0/24"), 24));
            client.resource(pool).create();

            await().atMost(ClaimScenarios.PATIENCE).until(() -> waiting("PoolNotReady") == 0);
            assertThat(client.resources(IPAddress.class).withName("waiting").get()).as("paused pool: nothing allocated").isNull();

            client.resources(InClusterIPPool.class).withName("pool").edit(p -> {
                p.getMetadata().getAnnotations().remove("cluster.x-k8s.io/paused");
                return p;
            });
            assertThat(given.awaitAddress("waiting").getSpec().getAddress()).isEqualTo("10.0.0.1");
        }
    }

    /** A provider of the test's namespace only, so that claims other tests left waiting do not count. */
    private InProcessProvider startIn(ControlPlane plane, String namespace) {
        ProviderOptions options = new ProviderOptions(Optional.of(namespace), Optional.empty(), 4, Optional.empty());
        return InProcessProvider.start(plane, options, ProviderMetrics.on(registry), Provider.ORPHAN_SWEEP_INTERVAL);
    }

    private double waiting(String reason) {
        Gauge gauge = registry.find(WAITING).tags("reason", reason).gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private static Cluster cluster(String name, boolean paused) {
        Cluster cluster = new Cluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(name).build());
        ClusterSpec spec = new ClusterSpec();
        spec.setPaused(paused);
        cluster.setSpec(spec);
        return cluster;
    }
}

package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.Cluster;
import dev.clusteripam.api.capi.ClusterSpec;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.controller.claim.ClaimReconciler;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * SPEC 2.7, on the real API server: nothing is done for a claim while it, its Cluster or its pool
 * is paused. Each claim first waits for another reason (counted as waiting), then the pause comes: the
 * claim leaving the waiting count shows that the provider looked at it again and found it paused,
 * so that it still having no address then shows the pause held, not that it was not reached yet.
 * A claim served instead would leave the count too, but only after its IPAddress was made.
 */
@WithKubernetes
class PauseTest {

    private static final String WAITING = "capi.ipam.claims.waiting";
    private static final String CLUSTER_NAME_LABEL = "cluster.x-k8s.io/cluster-name";
    private static final String PAUSED = "cluster.x-k8s.io/paused";
    /** How long a paused claim's address is watched after its deletion; its cleanup runs within milliseconds. */
    private static final Duration KEPT_FOR = Duration.ofSeconds(3);

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aClaimWaitsWhileItsClusterIsPausedOrMissing(KubernetesClient client, ControlPlane plane) {
        servedOnlyOnceTheClusterIsUnpaused(client, plane, cluster("later", true, Map.of()), cluster -> cluster.getSpec().setPaused(false));
    }

    @Test
    void thePausedAnnotationOnTheClusterCountsToo(KubernetesClient client, ControlPlane plane) {
        servedOnlyOnceTheClusterIsUnpaused(client, plane, cluster("later", false, Map.of(PAUSED, "")),
                cluster -> cluster.getMetadata().getAnnotations().remove(PAUSED));
    }

    /** The claim waits for its missing Cluster, then for the Cluster's pause, then is served. */
    private void servedOnlyOnceTheClusterIsUnpaused(KubernetesClient client, ControlPlane plane, Cluster paused, Consumer<Cluster> unpause) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.empty());
        try (InProcessProvider provider = startIn(plane, client.getNamespace())) {
            given.claim("claim", "ipam.cluster.x-k8s.io", "InClusterIPPool", "pool", Map.of(CLUSTER_NAME_LABEL, "later"));
            assertThat(given.awaitNotReady("claim", "AllocationFailed")).contains("Cluster").contains("later");

            pauseHolds(client, given, "claim", "AllocationFailed", () -> client.resource(paused).create());

            client.resources(Cluster.class).withName("later").edit(cluster -> {
                unpause.accept(cluster);
                return cluster;
            });
            assertThat(given.awaitAddress("claim").getSpec().getAddress()).isEqualTo("10.0.0.1");
        }
    }

    @Test
    void aPausedClaimIsLeftAloneUntilItIsUnpaused(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.1"), Optional.empty());
        try (InProcessProvider provider = startIn(plane, client.getNamespace())) {
            given.claim("first", "InClusterIPPool", "pool");
            given.awaitAddress("first");
            given.claim("second", "InClusterIPPool", "pool");

            pauseHolds(client, given, "second", "PoolExhausted", () -> setPaused("second", true, client));
            given.deleteClaim("first");
            assertThat(client.resources(IPAddress.class).withName("second").get()).as("paused claim: nothing allocated").isNull();

            setPaused("second", false, client);
            assertThat(given.awaitAddress("second").getSpec().getAddress()).isEqualTo("10.0.0.1");
        }
    }

    /**
     * A paused claim that holds an address keeps it when deleted, until unpaused. Nothing shows that
     * its cleanup ran and found it paused, so the address is watched for a while after the deletion.
     */
    @Test
    void aPausedClaimIsNotReleasedUntilItIsUnpaused(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.empty());
        try (InProcessProvider provider = startIn(plane, client.getNamespace())) {
            given.claim("a", "InClusterIPPool", "pool");
            given.awaitAddress("a");
            setPaused("a", true, client);
            client.resources(IPAddressClaim.class).withName("a").delete();

            await().during(KEPT_FOR).atMost(KEPT_FOR.plusSeconds(5))
                    .until(() -> client.resources(IPAddress.class).withName("a").get() != null);

            setPaused("a", false, client);
            await().atMost(ClaimScenarios.PATIENCE).until(() -> client.resources(IPAddressClaim.class).withName("a").get() == null);
            assertThat(client.resources(IPAddress.class).withName("a").get()).isNull();
        }
    }

    @Test
    void aPausedPoolServesNobodyUntilItIsUnpaused(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        try (InProcessProvider provider = startIn(plane, client.getNamespace())) {
            given.claim("waiting", "InClusterIPPool", "pool");
            assertThat(given.awaitNotReady("waiting", "PoolNotReady")).contains("does not exist");
            InClusterIPPool pool = new InClusterIPPool();
            pool.setMetadata(new ObjectMetaBuilder().withName("pool").withAnnotations(Map.of(PAUSED, "true")).build());
            pool.setSpec(new InClusterIPPoolSpec(List.of("10.0.0.0/24"), 24));

            pauseHolds(client, given, "waiting", "PoolNotReady", () -> client.resource(pool).create());

            client.resources(InClusterIPPool.class).withName("pool").edit(p -> {
                p.getMetadata().getAnnotations().remove(PAUSED);
                return p;
            });
            assertThat(given.awaitAddress("waiting").getSpec().getAddress()).isEqualTo("10.0.0.1");
        }
    }

    /** Issue 12 item 5: with nothing to release, a claim paused before it ever got an address goes when deleted. */
    @Test
    void aClaimPausedBeforeItGotAnAddressGoesWhenDeleted(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.empty());
        try (InProcessProvider provider = startIn(plane, client.getNamespace())) {
            IPAddressClaim paused = new IPAddressClaim();
            paused.setMetadata(new ObjectMetaBuilder().withName("paused").withAnnotations(Map.of(PAUSED, "")).build());
            IPAddressClaimSpec spec = new IPAddressClaimSpec();
            spec.setPoolRef(new IPPoolReference("ipam.cluster.x-k8s.io", "InClusterIPPool", "pool"));
            paused.setSpec(spec);
            client.resource(paused).create();
            // The provider has seen it: its finalizer is on.
            await().atMost(ClaimScenarios.PATIENCE).until(() -> client.resources(IPAddressClaim.class).withName("paused").get()
                    .getMetadata().getFinalizers().contains(ClaimReconciler.RELEASE_ADDRESS_FINALIZER));

            client.resources(IPAddressClaim.class).withName("paused").delete();

            await().atMost(ClaimScenarios.PATIENCE).until(() -> client.resources(IPAddressClaim.class).withName("paused").get() == null);
            assertThat(client.resources(IPAddress.class).withName("paused").get()).isNull();
        }
    }

    /**
     * The claim waits for {@code reason}; once {@code pause} is done, the provider looks at it again
     * and leaves it alone: it is no longer counted as waiting, and it has no IPAddress.
     */
    private void pauseHolds(KubernetesClient client, ClaimScenarios given, String claim, String reason, Runnable pause) {
        given.awaitNotReady(claim, reason);
        await().atMost(ClaimScenarios.PATIENCE).until(() -> waiting(reason) == 1);
        pause.run();
        await().atMost(ClaimScenarios.PATIENCE).until(() -> waiting(reason) == 0);
        assertThat(client.resources(IPAddress.class).withName(claim).get()).as("paused: nothing allocated").isNull();
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

    private static void setPaused(String claim, boolean paused, KubernetesClient client) {
        client.resources(IPAddressClaim.class).withName(claim).edit(c -> {
            Map<String, String> annotations = new HashMap<>(c.getMetadata().getAnnotations() == null ? Map.of() : c.getMetadata().getAnnotations());
            if (paused) {
                annotations.put(PAUSED, "");
            } else {
                annotations.remove(PAUSED);
            }
            c.getMetadata().setAnnotations(annotations);
            return c;
        });
    }

    private static Cluster cluster(String name, boolean paused, Map<String, String> annotations) {
        Cluster cluster = new Cluster();
        cluster.setMetadata(new ObjectMetaBuilder().withName(name).withAnnotations(annotations).build());
        ClusterSpec spec = new ClusterSpec();
        spec.setPaused(paused);
        cluster.setSpec(spec);
        return cluster;
    }
}

package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SPEC 2.9 and the deletion rules of 2.6, on the real API server. */
@WithKubernetes
class PoolReconcilerTest {

    @RegisterExtension
    static final ProviderForTheClass PROVIDER = new ProviderForTheClass();

    @Test
    void statusCountsFollowAllocationsAndSpecChanges(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 29, List.of("10.0.0.0/29"), Optional.of("10.0.0.1"));
        awaitCounts(client, "pool", new IPAddressCounts(5, 5, 0, 0));
        List.of("a", "b", "c").forEach(name -> {
            given.claim(name, "InClusterIPPool", "pool");
            given.awaitAddress(name);
        });
        awaitCounts(client, "pool", new IPAddressCounts(5, 2, 3, 0));

        // Without the webhook nothing stops a shrink: .2-.4 are allocated, only .4-.6 stay in the pool.
        client.resources(InClusterIPPool.class).withName("pool").edit(pool -> {
            pool.getSpec().setAddresses(List.of("10.0.0.4-10.0.0.6"));
            return pool;
        });
        // total 3 (.4-.6), used 3, out of range 2 (.2, .3), free 3 - (3 - 2) = 2.
        awaitCounts(client, "pool", new IPAddressCounts(3, 2, 3, 2));
    }

    @Test
    void aPoolIsProtectedWhileAnyAddressNamesIt(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.empty());
        given.claim("a", "InClusterIPPool", "pool");
        given.awaitAddress("a");
        await().atMost(ClaimScenarios.PATIENCE).until(() -> client.resources(InClusterIPPool.class).withName("pool").get()
                .getMetadata().getFinalizers().contains("ipam.cluster.x-k8s.io/ProtectPool"));

        client.resources(InClusterIPPool.class).withName("pool").delete();
        assertThat(client.resources(InClusterIPPool.class).withName("pool").get()).as("held by its finalizer").isNotNull();

        given.deleteClaim("a");
        await().atMost(ClaimScenarios.PATIENCE).until(() -> client.resources(InClusterIPPool.class).withName("pool").get() == null);
    }

    @Test
    void aGracePeriodKeepsTheAddressTakenAfterItsClaimIsDeleted(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of("10.0.0.0/24"), 24);
        spec.setAddressReuseGracePeriodSeconds(5);
        given.ipPool("pool", spec);
        given.claim("a", "InClusterIPPool", "pool");
        given.awaitAddress("a");

        client.resources(IPAddressClaim.class).withName("a").delete();
        Instant deleted = Instant.parse(client.resources(IPAddressClaim.class).withName("a").get().getMetadata().getDeletionTimestamp());
        given.claim("b", "InClusterIPPool", "pool");
        assertThat(given.awaitAddress("b").getSpec().getAddress()).as("a's address is still taken").isEqualTo("10.0.0.2");

        await().atMost(ClaimScenarios.PATIENCE).until(() -> client.resources(IPAddressClaim.class).withName("a").get() == null);
        assertThat(Duration.between(deleted, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(client.resources(IPAddress.class).withName("a").get()).isNull();
        given.claim("c", "InClusterIPPool", "pool");
        assertThat(given.awaitAddress("c").getSpec().getAddress()).isEqualTo("10.0.0.1");
    }

    private static void awaitCounts(KubernetesClient client, String pool, IPAddressCounts expected) {
        await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> {
            InClusterIPPool current = client.resources(InClusterIPPool.class).withName(pool).get();
            assertThat(current.getStatus()).isNotNull();
            assertThat(current.getStatus().getIpAddresses()).isEqualTo(expected);
        });
    }

    @Test
    void aPoolBeingDeletedSkipsTheGracePeriod(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of("10.0.0.0/24"), 24);
        spec.setAddressReuseGracePeriodSeconds(3600);
        given.ipPool("pool", spec);
        given.claim("a", "InClusterIPPool", "pool");
        given.awaitAddress("a");

        client.resources(InClusterIPPool.class).withName("pool").delete();
        // Within the hour's grace period only because the pool is going.
        given.deleteClaim("a");
        await().atMost(ClaimScenarios.PATIENCE).until(() -> client.resources(InClusterIPPool.class).withName("pool").get() == null);
    }

    @Test
    void whatAdmissionWarnsAboutStaysInThePoolsReadyMessage(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.5/24"), Optional.empty());

        await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> {
            InClusterIPPool current = client.resources(InClusterIPPool.class).withName("pool").get();
            assertThat(current.getStatus()).isNotNull();
            assertThat(current.getStatus().getConditions()).filteredOn(c -> "Ready".equals(c.getType())).singleElement()
                    .satisfies(ready -> assertThat(ready.getMessage()).startsWith("254 of 254 free; warnings: ")
                            .contains("10.0.0.5/24").contains("widened to its network 10.0.0.0/24"));
        });
    }
}

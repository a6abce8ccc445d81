package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.controller.allocation.Assignment;
import dev.clusteripam.controller.allocation.Holder;
import dev.clusteripam.controller.ledger.AllocationLedger;
import dev.clusteripam.controller.pool.PoolKey;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SPEC 3, nothing leaks: a ledger entry left by a provider that crashed between its commit and the
 * IPAddress, for a claim deleted since, is given back; until then its address is skipped, never doubled.
 */
@WithKubernetes
class LedgerSweepTest {

    @Test
    void anEntryNobodyHoldsIsGivenBackAndItsAddressReused(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));
        PoolKey pool = new PoolKey(PoolKind.IN_CLUSTER_IP_POOL, client.getNamespace(), "pool");
        // What a crashed provider leaves: 10.0.0.2 committed for a claim that never got its IPAddress and is gone.
        try (KubernetesClient crashed = plane.newClient("default")) {
            assertThat(new AllocationLedger(crashed).take(pool, new Assignment("10.0.0.2", 24, Optional.empty()),
                    new Holder(client.getNamespace(), "crashed"))).isInstanceOf(AllocationLedger.Committed.class);
        }

        try (InProcessProvider provider = InProcessProvider.start(plane, ProviderOptions.defaults(2), Duration.ofSeconds(1))) {
            given.claim("first", "InClusterIPPool", "pool");
            assertThat(given.awaitAddress("first").getSpec().getAddress()).as("the stale entry is skipped").isEqualTo("10.0.0.3");

            await().atMost(ClaimScenarios.PATIENCE).until(() -> new AllocationLedger(client).entries().stream()
                    .noneMatch(entry -> entry.holder().name().equals("crashed")));
            given.claim("second", "InClusterIPPool", "pool");
            assertThat(given.awaitAddress("second").getSpec().getAddress()).isEqualTo("10.0.0.2");
        }
    }
}

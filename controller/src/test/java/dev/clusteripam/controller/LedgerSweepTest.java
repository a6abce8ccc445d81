package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.ledger.AllocationLedger;
import dev.clusteripam.controller.ledger.Ledger;
import dev.clusteripam.controller.ledger.LedgerItem;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.api.ipam.PoolIdentity;
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
    void anEntryNobodyHoldsIsGivenBackAndItsAddressReused(KubernetesClient client, ControlPlane plane) throws Exception {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));
        PoolIdentity pool = new PoolIdentity(PoolKind.IN_CLUSTER_IP_POOL, client.getNamespace(), "pool");
        // What a crashed provider leaves: 10.0.0.2 committed for a claim that never got its IPAddress and is gone.
        try (KubernetesClient crashed = plane.newClient("default")) {
            assertThat(new AllocationLedger(crashed).take(Ledger.Entry.of(pool, LedgerItem.of(IpAddress.parse("10.0.0.2")),
                    new Holder(client.getNamespace(), "crashed")))).isInstanceOf(Ledger.Committed.class);
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

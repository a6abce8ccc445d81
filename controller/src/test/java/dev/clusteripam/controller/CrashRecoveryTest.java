package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.controller.ledger.AllocationLedger;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.ledger.Ledger;
import dev.clusteripam.controller.ledger.LedgerItem;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 3, docs/design.md point 3: a provider killed between a ledger commit and the
 * IPAddress leaves an entry without its IPAddress. After the restart the claim finds its own entry
 * and makes its IPAddress with that address; nothing is committed twice, no sweep needed.
 */
@WithKubernetes
class CrashRecoveryTest {

    @Test
    void aClaimCommittedBeforeACrashGetsTheAddressOfItsEntry(KubernetesClient client, ControlPlane plane) throws Exception {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));
        List<String> claims = IntStream.range(0, 6).mapToObj(i -> "machine-" + i).toList();
        claims.forEach(claim -> given.claim(claim, "InClusterIPPool", "pool"));
        // What the killed provider left: two commits, not the lowest addresses, and no IPAddress for either.
        PoolIdentity pool = PoolIdentity.of(PoolKind.IN_CLUSTER_IP_POOL, client.getNamespace(), "pool");
        try (KubernetesClient killed = plane.newClient("default")) {
            AllocationLedger ledger = new AllocationLedger(killed);
            ledger.take(Ledger.Entry.of(pool, LedgerItem.of(IpAddress.parse("10.0.0.9")), new Holder(client.getNamespace(), "machine-1")));
            ledger.take(Ledger.Entry.of(pool, LedgerItem.of(IpAddress.parse("10.0.0.12")), new Holder(client.getNamespace(), "machine-4")));
        }

        try (InProcessProvider restarted = InProcessProvider.start(plane, ProviderOptions.defaults(4))) {
            Map<String, String> addresses = claims.stream()
                    .collect(Collectors.toMap(claim -> claim, claim -> given.awaitAddress(claim).getSpec().getAddress()));

            assertThat(addresses).containsEntry("machine-1", "10.0.0.9").containsEntry("machine-4", "10.0.0.12");
            assertThat(ledgerOf(client)).as("one entry per IPAddress, each the claim's own").isEqualTo(ipAddressesOf(client));
        }
    }

    /** The ledger's entries of the test's namespace: item -> holder. */
    static Map<String, String> ledgerOf(KubernetesClient client) {
        return new AllocationLedger(client).entries().stream()
                .filter(entry -> entry.holder().namespace().equals(client.getNamespace()))
                .collect(Collectors.toMap(entry -> entry.pool().name() + " " + entry.item(), entry -> entry.holder().toString()));
    }

    /** The IPAddresses of the test's namespace, keyed as {@link #ledgerOf}: address -> claim. */
    static Map<String, String> ipAddressesOf(KubernetesClient client) {
        return client.resources(IPAddress.class).list().getItems().stream()
                .collect(Collectors.toMap(address -> address.getSpec().getPoolRef().getName() + " " + address.getSpec().getAddress(),
                        address -> Holder.of(address).toString()));
    }
}

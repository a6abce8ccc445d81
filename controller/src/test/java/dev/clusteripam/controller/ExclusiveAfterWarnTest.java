package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.core.overlap.OverlapPolicy;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, the operator's path to {@code --overlapping-pools=exclusive}: pool left
 * (10.20.2.10-19) serves its claims in the default mode, then the provider is restarted in
 * exclusive mode and a burst of claims goes into pool right (10.20.2.15-24), which shares
 * 10.20.2.15-19 with left. Left's IPAddresses have no family-wide ledger entry, as they were made
 * before the mode was on; right still never hands out their addresses: its claims get 10.20.2.20-24
 * or {@code PoolExhausted}. Without exclusive mode right hands out left's addresses (first-fit
 * starts at 10.20.2.15), so the test can fail; the pool's {@code Overlapping} condition then names
 * the addresses both pools' IPAddresses hold.
 */
@WithKubernetes
class ExclusiveAfterWarnTest {

    private static final Duration BURST_PATIENCE = Duration.ofMinutes(1);
    private static final int LEFT_CLAIMS = 10;
    private static final int RIGHT_CLAIMS = 8;

    @Test
    void addressesHandedOutBeforeExclusiveModeAreNeverHandedOutByAnotherPool(KubernetesClient client, ControlPlane plane) {
        Set<String> lefts = leftServedInTheDefaultMode(client, plane, "10.20.2.");
        ProviderOptions exclusive = ProviderOptions.defaults(4).withOverlapPolicy(OverlapPolicy.EXCLUSIVE);
        try (InProcessProvider one = InProcessProvider.start(plane, exclusive); InProcessProvider two = InProcessProvider.start(plane, exclusive)) {
            Map<String, Optional<String>> rights = burstIntoRight(client);

            List<String> handedOut = rights.values().stream().flatMap(Optional::stream).toList();
            assertThat(handedOut).as("right's addresses, %s", rights).doesNotContainAnyElementsOf(lefts)
                    .containsExactlyInAnyOrder("10.20.2.20", "10.20.2.21", "10.20.2.22", "10.20.2.23", "10.20.2.24");
            assertThat(rights.values().stream().filter(Optional::isEmpty).count()).as("claims left PoolExhausted, %s", rights)
                    .isEqualTo(RIGHT_CLAIMS - 5);
        }
    }

    @Test
    void withoutExclusiveModeAnotherPoolHandsOutTheAddressesHandedOutBeforeAndTheOverlappingConditionNamesThem(KubernetesClient client,
            ControlPlane plane) {
        Set<String> lefts = leftServedInTheDefaultMode(client, plane, "10.20.3.");
        try (InProcessProvider again = InProcessProvider.start(plane, ProviderOptions.defaults(4))) {
            Map<String, Optional<String>> rights = burstIntoRight(client);

            assertThat(rights.values().stream().flatMap(Optional::stream).toList()).as("right's addresses, %s", rights)
                    .hasSize(RIGHT_CLAIMS).containsAnyElementsOf(lefts);
            // First-fit gave right 10.20.3.15-22: the five it shares with left are held by both pools' IPAddresses.
            String leftPool = "InClusterIPPool/" + client.getNamespace() + "/left";
            await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> assertThat(overlappingMessage(client, "right"))
                    .contains("; 5 of its addresses are held by an IPAddress of another pool too, left as they are: 10.20.3.15 (")
                    .contains(" of " + leftPool + "), 10.20.3.16 (").contains(" of " + leftPool + "), 10.20.3.19 ("));

            String leftAt15 = client.resources(IPAddress.class).list().getItems().stream()
                    .filter(address -> address.getSpec().getPoolRef().getName().equals("left") && address.getSpec().getAddress().equals("10.20.3.15"))
                    .findFirst().orElseThrow().getMetadata().getName();
            new ClaimScenarios(client).deleteClaim(leftAt15);

            // Left's IPAddress going reconciles right too, whose condition names one address fewer.
            await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> assertThat(overlappingMessage(client, "right"))
                    .contains("; 4 of its addresses are held by an IPAddress of another pool too, left as they are: 10.20.3.16 ("));
        }
    }

    private static String overlappingMessage(KubernetesClient client, String pool) {
        InClusterIPPool current = client.resources(InClusterIPPool.class).withName(pool).get();
        assertThat(current.getStatus()).isNotNull();
        return current.getStatus().getConditions().stream().filter(c -> "Overlapping".equals(c.getType())).findFirst().orElseThrow()
                .getMessage();
    }

    /**
     * Pools left (.10-.19) and right (.15-.24) of {@code network} made; left's claims served by a provider in the default mode,
     * which is stopped; left's addresses. Each test has a network of its own: the pools of every namespace share addresses.
     */
    private static Set<String> leftServedInTheDefaultMode(KubernetesClient client, ControlPlane plane, String network) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("left", 24, List.of(network + "10-" + network + "19"), Optional.empty());
        given.ipPool("right", 24, List.of(network + "15-" + network + "24"), Optional.empty());
        try (InProcessProvider warn = InProcessProvider.start(plane, ProviderOptions.defaults(4))) {
            IntStream.range(0, LEFT_CLAIMS).forEach(i -> given.claim("left-" + i, "InClusterIPPool", "left"));
            Set<String> lefts = IntStream.range(0, LEFT_CLAIMS)
                    .mapToObj(i -> given.awaitAddress("left-" + i).getSpec().getAddress()).collect(Collectors.toSet());
            assertThat(lefts).hasSize(LEFT_CLAIMS).allSatisfy(address -> assertThat(address).startsWith(network + "1"));
            return lefts;
        }
    }

    /** Right's claims made at once; once each is served or PoolExhausted, each claim's address (empty when exhausted). */
    private static Map<String, Optional<String>> burstIntoRight(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        List<String> claims = IntStream.range(0, RIGHT_CLAIMS).mapToObj(i -> "right-" + i).toList();
        claims.forEach(name -> given.claim(name, "InClusterIPPool", "right"));
        await().atMost(BURST_PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> claims.stream()
                .allMatch(name -> given.readyCondition(name).map(c -> c.getStatus().name().equals("TRUE")
                        || "PoolExhausted".equals(c.getReason())).orElse(false)));
        Map<String, Optional<String>> addresses = new TreeMap<>();
        for (String name : claims) {
            addresses.put(name, Optional.ofNullable(client.resources(IPAddress.class).withName(name).get())
                    .map(address -> address.getSpec().getAddress()));
        }
        return addresses;
    }
}

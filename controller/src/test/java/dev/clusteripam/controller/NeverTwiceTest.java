package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * SPEC 3: never the same address to two live IPAddresses of one pool, with two providers writing
 * at once and with a provider stopped in the middle of a burst. Each scenario runs in rounds, in a
 * fresh namespace per test.
 */
@WithKubernetes
class NeverTwiceTest {

    private static final Duration BURST_PATIENCE = Duration.ofMinutes(2);
    private static final int ROUNDS = 2;

    @Test
    void twoProvidersAtOnceNeverHandOutOneAddressTwice(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("v4", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));
        given.ipPool("v6", 120, List.of("fd00::/120"), Optional.empty());
        try (InProcessProvider one = InProcessProvider.start(plane); InProcessProvider two = InProcessProvider.start(plane)) {
            for (int round = 0; round < ROUNDS; round++) {
                List<String> claims = burst(given, "r" + round, 60);
                awaitAllReady(client, claims);
                assertDistinctPerPool(client);
                // Every IPAddress is protected by its own entry; a replica that lost a create gives back
                // exactly what it had committed, not the winner's entry recorded under the same claim.
                assertThat(CrashRecoveryTest.ledgerOf(client)).as("every IPAddress has its ledger entry")
                        .containsAllEntriesOf(CrashRecoveryTest.ipAddressesOf(client));
                await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> assertThat(CrashRecoveryTest.ledgerOf(client))
                        .as("no entry left behind by a lost create").isEqualTo(CrashRecoveryTest.ipAddressesOf(client)));
            }
        }
    }

    @Test
    void aProviderStoppedMidBurstLeavesNothingDoubledLostOrOrphaned(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("v4", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));
        given.ipPool("v6", 120, List.of("fd00::/120"), Optional.empty());
        for (int round = 0; round < ROUNDS; round++) {
            List<String> claims;
            try (InProcessProvider interrupted = InProcessProvider.start(plane, ProviderOptions.defaults(4))) {
                claims = burst(given, "r" + round, 80);
                // Stop once some, but not all, claims of this round are served.
                int someServed = round * 80 + 10;
                await().atMost(BURST_PATIENCE).until(() -> client.resources(IPAddress.class).list().getItems().size() > someServed);
            }
            try (InProcessProvider successor = InProcessProvider.start(plane, ProviderOptions.defaults(4))) {
                awaitAllReady(client, claims);
                // Right away, before any sweep: a commit cut off from its IPAddress was taken up again, not left behind.
                assertThat(CrashRecoveryTest.ledgerOf(client)).as("one ledger entry per IPAddress, each the claim's own")
                        .isEqualTo(CrashRecoveryTest.ipAddressesOf(client));
            }
            assertDistinctPerPool(client);
            Map<String, IPAddressClaim> existing = client.resources(IPAddressClaim.class).list().getItems().stream()
                    .collect(Collectors.toMap(c -> c.getMetadata().getName(), Function.identity()));
            assertThat(client.resources(IPAddress.class).list().getItems())
                    .as("every IPAddress answers a claim that exists")
                    .allSatisfy(address -> assertThat(existing).containsKey(address.getMetadata().getName()));
        }
    }

    /** {@code count} claims created as fast as one client can, alternating between the two pools. */
    private static List<String> burst(ClaimScenarios given, String prefix, int count) {
        List<String> names = IntStream.range(0, count).mapToObj(i -> prefix + "-claim-" + i).toList();
        for (int i = 0; i < count; i++) {
            given.claim(names.get(i), "InClusterIPPool", i % 2 == 0 ? "v4" : "v6");
        }
        return names;
    }

    private static void awaitAllReady(KubernetesClient client, List<String> claims) {
        await().atMost(BURST_PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<String, IPAddressClaim> byName = client.resources(IPAddressClaim.class).list().getItems().stream()
                    .collect(Collectors.toMap(c -> c.getMetadata().getName(), Function.identity()));
            return claims.stream().allMatch(name -> byName.containsKey(name) && byName.get(name).getStatus() != null
                    && byName.get(name).getStatus().getAddressRef() != null);
        });
    }

    private static void assertDistinctPerPool(KubernetesClient client) {
        Map<String, List<String>> addressesByPool = client.resources(IPAddress.class).list().getItems().stream()
                .collect(Collectors.groupingBy(a -> a.getSpec().getPoolRef().getName(),
                        Collectors.mapping(a -> a.getSpec().getAddress(), Collectors.toList())));
        addressesByPool.forEach((pool, addresses) ->
                assertThat(addresses).as("addresses of pool %s", pool).doesNotHaveDuplicates());
    }
}

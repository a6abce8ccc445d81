package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.core.overlap.OverlapPolicy;
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
 * Issue 14, {@code --overlapping-pools=exclusive}: two pools that share 10.20.0.20-10.20.0.50, a
 * burst of claims into both at once, served by two providers writing at once: no address is
 * handed out twice across both pools. The same burst with the default policy does hand out
 * duplicates (first-fit gives both pools 10.20.0.20 onwards), so the test can fail.
 */
@WithKubernetes
class ExclusiveOverlapTest {

    private static final Duration BURST_PATIENCE = Duration.ofMinutes(2);
    private static final int CLAIMS = 40;

    @Test
    void twoProvidersInExclusiveModeNeverHandOutAnAddressOfBothPoolsTwice(KubernetesClient client, ControlPlane plane) {
        ProviderOptions exclusive = ProviderOptions.defaults(4).withOverlapPolicy(OverlapPolicy.EXCLUSIVE);
        try (InProcessProvider one = InProcessProvider.start(plane, exclusive); InProcessProvider two = InProcessProvider.start(plane, exclusive)) {
            List<String> addresses = burstIntoOverlappingPools(client, "10.20.0.");

            assertThat(addresses).hasSize(CLAIMS).doesNotHaveDuplicates();
        }
    }

    @Test
    void withoutExclusiveModeTheSameBurstHandsOutDuplicates(KubernetesClient client, ControlPlane plane) {
        try (InProcessProvider one = InProcessProvider.start(plane, ProviderOptions.defaults(4))) {
            List<String> addresses = burstIntoOverlappingPools(client, "10.20.4.");

            assertThat(addresses).hasSize(CLAIMS);
            assertThat(addresses.stream().distinct().count()).as("distinct addresses of %s", addresses).isLessThan(CLAIMS);
        }
    }

    @Test
    void theLoserOfASharedAddressWaitsExhaustedAndIsServedWhenTheOtherPoolReleasesIt(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("left", 24, List.of("10.20.1.10"), Optional.empty());
        given.ipPool("right", 24, List.of("10.20.1.10-10.20.1.11"), Optional.empty());
        try (InProcessProvider provider = InProcessProvider.start(plane, ProviderOptions.defaults(4).withOverlapPolicy(OverlapPolicy.EXCLUSIVE))) {
            given.claim("left-0", "InClusterIPPool", "left");
            assertThat(given.awaitAddress("left-0").getSpec().getAddress()).isEqualTo("10.20.1.10");
            given.claim("right-0", "InClusterIPPool", "right");
            assertThat(given.awaitAddress("right-0").getSpec().getAddress()).as("10.20.1.10 is left's").isEqualTo("10.20.1.11");
            given.claim("right-1", "InClusterIPPool", "right");
            given.awaitNotReady("right-1", "PoolExhausted");

            given.deleteClaim("left-0");

            assertThat(given.awaitAddress("right-1").getSpec().getAddress()).isEqualTo("10.20.1.10");
        }
    }

    /**
     * Pools left (.10-.50) and right (.20-.70) in {@code network}, claims alternating between them; every claim's address once
     * all are served. Each test has a network of its own: in exclusive mode an IPAddress another test left in any namespace
     * holds its address for every pool.
     */
    private static List<String> burstIntoOverlappingPools(KubernetesClient client, String network) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("left", 24, List.of(network + "10-" + network + "50"), Optional.empty());
        given.ipPool("right", 24, List.of(network + "20-" + network + "70"), Optional.empty());
        List<String> claims = IntStream.range(0, CLAIMS).mapToObj(i -> "claim-" + i).toList();
        for (int i = 0; i < CLAIMS; i++) {
            given.claim(claims.get(i), "InClusterIPPool", i % 2 == 0 ? "left" : "right");
        }
        await().atMost(BURST_PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<String, IPAddressClaim> byName = client.resources(IPAddressClaim.class).list().getItems().stream()
                    .collect(Collectors.toMap(c -> c.getMetadata().getName(), Function.identity()));
            return claims.stream().allMatch(name -> byName.containsKey(name) && byName.get(name).getStatus() != null
                    && byName.get(name).getStatus().getAddressRef() != null);
        });
        List<IPAddress> made = client.resources(IPAddress.class).list().getItems();
        assertThat(made).allSatisfy(address -> assertThat(address.getSpec().getAddress())
                .as("%s of pool %s", address.getMetadata().getName(), address.getSpec().getPoolRef().getName())
                .startsWith(network));
        return made.stream().map(address -> address.getSpec().getAddress()).toList();
    }
}

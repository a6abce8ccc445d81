package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.PrefixCounts;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * SPEC 3: 500 claims created at once across three pools of both families; every one served,
 * nothing doubled, counts right. Two rounds, the second on top of the first.
 */
@WithKubernetes
class BurstTest {

    private static final int CLAIMS = 500;
    private static final int ROUNDS = 2;

    /** {@code CLAIMS} claims from eight threads, spread over the three pools. */
    private static void createAtOnce(ClaimScenarios given, List<String> pools, String prefix) throws InterruptedException {
        ExecutorService creators = Executors.newFixedThreadPool(8);
        IntStream.range(0, CLAIMS).forEach(i -> creators.submit(() -> {
            String pool = pools.get(i % 3);
            given.claim(prefix + "-claim-" + i, pool.equals("prefixes") ? "InClusterPrefixPool" : "InClusterIPPool", pool);
        }));
        creators.shutdown();
        assertThat(creators.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
    }

    @Test
    void fiveHundredClaimsAtOnceAcrossThreePools(KubernetesClient client, ControlPlane plane) throws InterruptedException {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("v4", 22, List.of("10.0.0.0/22"), Optional.of("10.0.0.1"));
        given.ipPool("v6", 64, List.of("fd00::/64"), Optional.empty());
        given.prefixPool("prefixes", 64, List.of("fd01::/48"), List.of());
        List<String> pools = List.of("v4", "v6", "prefixes");

        try (InProcessProvider provider = InProcessProvider.start(plane, ProviderOptions.defaults(8))) {
            for (int round = 0; round < ROUNDS; round++) {
                createAtOnce(given, pools, "r" + round);
                int expected = (round + 1) * CLAIMS;
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        client.resources(IPAddressClaim.class).list().getItems().stream()
                                .filter(c -> c.getStatus() != null && c.getStatus().getAddressRef() != null).count() == expected);

                Map<String, List<String>> itemsByPool = client.resources(IPAddress.class).list().getItems().stream()
                        .collect(Collectors.groupingBy(a -> a.getSpec().getPoolRef().getName(),
                                Collectors.mapping(a -> a.getSpec().getAddress() + "/" + a.getSpec().getPrefix(), Collectors.toList())));
                assertThat(itemsByPool.values().stream().mapToInt(List::size).sum()).isEqualTo(expected);
                itemsByPool.forEach((pool, items) -> assertThat(items).as(pool).doesNotHaveDuplicates());

                long inV4 = itemsByPool.get("v4").size();
                long inPrefixes = itemsByPool.get("prefixes").size();
                await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> {
                    assertThat(client.resources(InClusterIPPool.class).withName("v4").get().getStatus().getIpAddresses())
                            .isEqualTo(new IPAddressCounts(1021, 1021 - inV4, inV4, 0));
                    assertThat(client.resources(InClusterPrefixPool.class).withName("prefixes").get().getStatus().getIpAddresses())
                            .isEqualTo(new PrefixCounts(65536, 65536 - inPrefixes, inPrefixes, 0));
                });
            }
        }
    }
}

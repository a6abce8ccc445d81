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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** SPEC 3: 500 claims created at once across three pools of both families; every one served, nothing doubled, counts right. */
@WithKubernetes
class BurstTest {

    private static final int CLAIMS = 500;

    @Test
    void fiveHundredClaimsAtOnceAcrossThreePools(KubernetesClient client, ControlPlane plane) throws InterruptedException {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("v4", 22, List.of("10.0.0.0/22"), Optional.of("10.0.0.1"));
        given.ipPool("v6", 64, List.of("fd00::/64"), Optional.empty());
        given.prefixPool("prefixes", 64, List.of("fd01::/48"), List.of());
        List<String> pools = List.of("v4", "v6", "prefixes");

        try (KubernetesClient providerClient = plane.newClient("default");
                Provider provider = Provider.start(providerClient, ProviderOptions.defaults(8))) {
            ExecutorService creators = Executors.newFixedThreadPool(8);
            IntStream.range(0, CLAIMS).forEach(i -> creators.submit(() -> {
                String pool = pools.get(i % 3);
                given.claim("claim-" + i, pool.equals("prefixes") ? "InClusterPrefixPool" : "InClusterIPPool", pool);
            }));
            creators.shutdown();
            assertThat(creators.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    client.resources(IPAddressClaim.class).list().getItems().stream()
                            .filter(c -> c.getStatus() != null && c.getStatus().getAddressRef() != null).count() == CLAIMS);

            Map<String, List<String>> itemsByPool = client.resources(IPAddress.class).list().getItems().stream()
                    .collect(Collectors.groupingBy(a -> a.getSpec().getPoolRef().getName(),
                            Collectors.mapping(a -> a.getSpec().getAddress() + "/" + a.getSpec().getPrefix(), Collectors.toList())));
            assertThat(itemsByPool.values().stream().mapToInt(List::size).sum()).isEqualTo(CLAIMS);
            itemsByPool.forEach((pool, items) -> assertThat(items).as(pool).doesNotHaveDuplicates());

            long perV4 = itemsByPool.get("v4").size();
            await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> {
                assertThat(client.resources(InClusterIPPool.class).withName("v4").get().getStatus().getIpAddresses())
                        .isEqualTo(new IPAddressCounts(1021, 1021 - perV4, perV4, 0));
                assertThat(client.resources(InClusterPrefixPool.class).withName("prefixes").get().getStatus().getIpAddresses())
                        .isEqualTo(new PrefixCounts(65536, 65536 - itemsByPool.get("prefixes").size(), itemsByPool.get("prefixes").size(), 0));
            });
        }
    }
}

package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.controller.allocation.AllocationStrategy;
import dev.clusteripam.controller.upstreamscan.UpstreamScan;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The upstream-style scan (a benchmark baseline) must hand out exactly what the index hands out,
 * or the benchmark would compare two different allocators. Given the same pools (gateway,
 * exclusions, two ranges, a prefix pool with an excluded prefix), when claims arrive one at a time
 * and one is released in the middle, then both strategies give the same addresses in the same order.
 */
@WithKubernetes
class AllocationStrategyTest {

    @Test
    void upstreamScanGivesTheSameAddressesAsTheIndex(KubernetesClient client, ControlPlane plane) {
        List<String> byIndex = allocateInOrder(client, plane, AllocationStrategy.INDEX, "index");
        List<String> byScan = allocateInOrder(client, plane, UpstreamScan.STRATEGY, "scan");

        assertThat(byScan).isEqualTo(byIndex);
        // The released 10.0.0.3 is the lowest free address again; the excluded fd00:0:0:1::/64 is skipped.
        assertThat(byIndex).containsExactly("10.0.0.2", "10.0.0.3", "10.0.0.5", "10.0.0.8", "10.0.0.3", "10.0.0.20",
                "fd00::/64", "fd00:0:0:2::/64");
    }

    /** Pools named after {@code mode}, six claims one after the other, the second released and a seventh made. */
    private static List<String> allocateInOrder(KubernetesClient client, ControlPlane plane, AllocationStrategy strategy, String mode) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of("10.0.0.2-10.0.0.8", "10.0.0.20-10.0.0.30"), 24);
        spec.setGateway("10.0.0.1");
        spec.setExcludedAddresses(List.of("10.0.0.4", "10.0.0.6-10.0.0.7"));
        given.ipPool(mode + "-v4", spec);
        given.prefixPool(mode + "-prefixes", 64, List.of("fd00::/62"), List.of("fd00:0:0:1::/64"));

        List<String> handedOut = new ArrayList<>();
        try (InProcessProvider provider = InProcessProvider.start(plane, ProviderOptions.defaults(1).withAllocationStrategy(strategy))) {
            for (int i = 0; i < 4; i++) {
                handedOut.add(addressOf(given, given.claim(mode + "-v4-" + i, "InClusterIPPool", mode + "-v4").getMetadata().getName()));
            }
            given.deleteClaim(mode + "-v4-1");
            handedOut.add(addressOf(given, given.claim(mode + "-v4-4", "InClusterIPPool", mode + "-v4").getMetadata().getName()));
            handedOut.add(addressOf(given, given.claim(mode + "-v4-5", "InClusterIPPool", mode + "-v4").getMetadata().getName()));
            for (int i = 0; i < 2; i++) {
                String claim = given.claim(mode + "-prefix-" + i, "InClusterPrefixPool", mode + "-prefixes").getMetadata().getName();
                var address = given.awaitAddress(claim);
                handedOut.add(address.getSpec().getAddress() + "/" + address.getSpec().getPrefix());
            }
        }
        return handedOut;
    }

    private static String addressOf(ClaimScenarios given, String claim) {
        return given.awaitAddress(claim).getSpec().getAddress();
    }
}

package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.ipam.RequestedItemAnnotations;
import dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolSpec;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 15 on the real API server: a claim that asks for an address (or sub-prefix) gets it, or is
 * refused with the reason and waits for it; a pool's pre-allocations are kept for their claims.
 */
@WithKubernetes
class RequestedAddressTest {

    @RegisterExtension
    static final ProviderForTheClass PROVIDER = new ProviderForTheClass();

    private static final String IP_POOL = "InClusterIPPool";
    private static final String PREFIX_POOL = "InClusterPrefixPool";

    @Test
    void aRequestedAddressIsServedAndTheNextClaimStillGetsTheLowestFree(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));

        given.claim("vip", IP_POOL, "pool", asking("10.0.0.50"));
        given.claim("plain", IP_POOL, "pool");

        IPAddress vip = given.awaitAddress("vip");
        assertThat(vip.getSpec().getAddress()).isEqualTo("10.0.0.50");
        assertThat(vip.getSpec().getPrefix()).isEqualTo(24);
        assertThat(vip.getSpec().getGateway()).isEqualTo("10.0.0.1");
        assertThat(given.awaitAddress("plain").getSpec().getAddress()).isEqualTo("10.0.0.2");

        // Read when the claim is first served: a later change of the annotation moves nothing, and the condition says so.
        client.resources(IPAddressClaim.class).withName("vip").edit(claim -> {
            claim.getMetadata().getAnnotations().put(RequestedItemAnnotations.REQUESTED_ADDRESS, "10.0.0.60");
            return claim;
        });
        await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> assertThat(given.readyCondition("vip").orElseThrow().getMessage())
                .endsWith("; its " + RequestedItemAnnotations.REQUESTED_ADDRESS + " \"10.0.0.60\" is not served: a claim keeps the"
                        + " address it holds"));
        assertThat(given.awaitAddress("vip").getSpec().getAddress()).isEqualTo("10.0.0.50");
    }

    @Test
    void aHeldAddressIsRefusedNamingItsHolderAndServedOnceReleased(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));
        given.claim("first", IP_POOL, "pool", asking("10.0.0.50"));
        given.awaitAddress("first");

        given.claim("second", IP_POOL, "pool", asking("10.0.0.50"));

        assertThat(given.awaitNotReady("second", "AllocationFailed")).isEqualTo(RequestedItemAnnotations.REQUESTED_ADDRESS
                + " 10.0.0.50 (InClusterIPPool/" + client.getNamespace() + "/pool) is held by claim " + client.getNamespace()
                + "/first; waiting for its release");
        await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> assertThat(client.v1().events().list().getItems())
                .as("the refusal is recorded as an event")
                .anyMatch(e -> "second".equals(e.getInvolvedObject().getName()) && "AllocationFailed".equals(e.getReason())
                        && "Warning".equals(e.getType())));
        assertThat(client.resources(IPAddress.class).withName("second").get()).as("never another address instead").isNull();

        given.deleteClaim("first");
        assertThat(given.awaitAddress("second").getSpec().getAddress()).isEqualTo("10.0.0.50");
    }

    @Test
    void addressesThePoolWouldNotHandOutAreRefusedSayingWhy(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of("10.0.0.0/24"), 24);
        spec.setGateway("10.0.0.1");
        spec.setExcludedAddresses(List.of("10.0.0.100-10.0.0.110"));
        given.ipPool("pool", spec);
        Map<String, String> expected = Map.of(
                "gateway", "\"10.0.0.1\" is the gateway",
                "excluded", "\"10.0.0.105\" is excluded",
                "outside", "\"10.0.1.5\" is outside the pool",
                "broadcast", "\"10.0.0.255\" is reserved (network, broadcast or subnet-router anycast address)",
                "v6", "\"fd00::5\" is of the other IP family",
                "garbage", "\"not-an-address\" is not an IP address");
        Map<String, String> asked = Map.of("gateway", "10.0.0.1", "excluded", "10.0.0.105", "outside", "10.0.1.5",
                "broadcast", "10.0.0.255", "v6", "fd00::5", "garbage", "not-an-address");
        asked.forEach((claim, address) -> given.claim(claim, IP_POOL, "pool", asking(address)));

        expected.forEach((claim, why) -> assertThat(given.awaitNotReady(claim, "AllocationFailed")).as(claim)
                .isEqualTo(RequestedItemAnnotations.REQUESTED_ADDRESS + " " + why + " (InClusterIPPool/" + client.getNamespace() + "/pool)"));
        assertThat(client.resources(IPAddress.class).list().getItems()).isEmpty();
    }

    @Test
    void aPreAllocatedAddressIsKeptThroughABurstAndHandedToItsClaim(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of("10.0.0.10-10.0.0.14"), 24);
        spec.setPreAllocations(Map.of("vip", "10.0.0.11"));
        given.ipPool("pool", spec);
        awaitCounts(client, "pool", new IPAddressCounts(5L, 4L, 1L, 0L));

        List<String> burst = List.of("m0", "m1", "m2", "m3");
        burst.forEach(name -> given.claim(name, IP_POOL, "pool"));
        given.claim("thief", IP_POOL, "pool", asking("10.0.0.11"));
        assertThat(burst.stream().map(name -> given.awaitAddress(name).getSpec().getAddress()))
                .containsExactlyInAnyOrder("10.0.0.10", "10.0.0.12", "10.0.0.13", "10.0.0.14");
        assertThat(given.awaitNotReady("thief", "AllocationFailed")).isEqualTo(RequestedItemAnnotations.REQUESTED_ADDRESS
                + " 10.0.0.11 is kept for claim \"vip\" by spec.preAllocations of InClusterIPPool/" + client.getNamespace() + "/pool");
        given.claim("late", IP_POOL, "pool");
        assertThat(given.awaitNotReady("late", "PoolExhausted")).contains("has no free address");
        awaitCounts(client, "pool", new IPAddressCounts(5L, 0L, 5L, 0L));

        // Its claim asks for another address: the pre-allocation wins, and the condition says so.
        given.claim("vip", IP_POOL, "pool", asking("10.0.0.12"));
        assertThat(given.awaitAddress("vip").getSpec().getAddress()).isEqualTo("10.0.0.11");
        assertThat(given.readyCondition("vip").orElseThrow().getMessage()).endsWith("; kept for it by spec.preAllocations, which"
                + " wins over its " + RequestedItemAnnotations.REQUESTED_ADDRESS + " \"10.0.0.12\"");
        awaitCounts(client, "pool", new IPAddressCounts(5L, 0L, 5L, 0L));

        // Its claim goes: the address is kept again, not handed to the claim waiting for room.
        given.deleteClaim("vip");
        assertThat(given.awaitNotReady("late", "PoolExhausted")).contains("has no free address");
        assertThat(client.resources(IPAddress.class).withName("late").get()).isNull();
        awaitCounts(client, "pool", new IPAddressCounts(5L, 0L, 5L, 0L));
    }

    @Test
    void removingAPreAllocationEndsTheReservationAndItsClaimKeepsItsAddress(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of("10.0.0.10-10.0.0.12"), 24);
        spec.setPreAllocations(Map.of("vip", "10.0.0.10", "spare", "10.0.0.12"));
        given.ipPool("pool", spec);
        given.claim("vip", IP_POOL, "pool");
        assertThat(given.awaitAddress("vip").getSpec().getAddress()).isEqualTo("10.0.0.10");
        given.claim("a", IP_POOL, "pool");
        assertThat(given.awaitAddress("a").getSpec().getAddress()).isEqualTo("10.0.0.11");
        given.claim("b", IP_POOL, "pool");
        given.awaitNotReady("b", "PoolExhausted");

        client.resources(InClusterIPPool.class).withName("pool").edit(pool -> {
            pool.getSpec().setPreAllocations(null);
            return pool;
        });

        assertThat(given.awaitAddress("b").getSpec().getAddress()).isEqualTo("10.0.0.12");
        assertThat(given.awaitAddress("vip").getSpec().getAddress()).isEqualTo("10.0.0.10");
    }

    @Test
    void aPrefixPoolServesRequestedAndPreAllocatedSubPrefixes(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterPrefixPool pool = new InClusterPrefixPool();
        pool.setMetadata(new ObjectMetaBuilder().withName("prefixes").build());
        InClusterPrefixPoolSpec spec = new InClusterPrefixPoolSpec(List.of("fd00:1::/62"), 64);
        spec.setPreAllocations(Map.of("edge", "fd00:1::/64"));
        pool.setSpec(spec);
        client.resource(pool).create();

        given.claim("asks", PREFIX_POOL, "prefixes", Map.of(RequestedItemAnnotations.REQUESTED_PREFIX, "fd00:1:0:2::/64"));
        assertThat(subPrefixOf(given.awaitAddress("asks"))).isEqualTo("fd00:1:0:2::/64");
        given.claim("plain", PREFIX_POOL, "prefixes");
        assertThat(subPrefixOf(given.awaitAddress("plain"))).as("the kept fd00:1::/64 is skipped").isEqualTo("fd00:1:0:1::/64");
        given.claim("edge", PREFIX_POOL, "prefixes");
        assertThat(subPrefixOf(given.awaitAddress("edge"))).isEqualTo("fd00:1::/64");

        given.claim("again", PREFIX_POOL, "prefixes", Map.of(RequestedItemAnnotations.REQUESTED_PREFIX, "fd00:1:0:2::/64"));
        assertThat(given.awaitNotReady("again", "AllocationFailed")).isEqualTo(RequestedItemAnnotations.REQUESTED_PREFIX
                + " fd00:1:0:2::/64 (InClusterPrefixPool/" + client.getNamespace() + "/prefixes) is held by claim "
                + client.getNamespace() + "/asks; waiting for its release");
        given.claim("short", PREFIX_POOL, "prefixes", Map.of(RequestedItemAnnotations.REQUESTED_PREFIX, "fd00:1:0:3::/56"));
        assertThat(given.awaitNotReady("short", "AllocationFailed")).contains("is a /56; the pool hands out /64 sub-prefixes");

        given.deleteClaim("asks");
        assertThat(subPrefixOf(given.awaitAddress("again"))).isEqualTo("fd00:1:0:2::/64");
    }

    static Map<String, String> asking(String address) {
        return Map.of(RequestedItemAnnotations.REQUESTED_ADDRESS, address);
    }

    private static String subPrefixOf(IPAddress address) {
        return address.getSpec().getAddress() + "/" + address.getSpec().getPrefix();
    }

    private static void awaitCounts(KubernetesClient client, String pool, IPAddressCounts expected) {
        await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> {
            InClusterIPPool current = client.resources(InClusterIPPool.class).withName(pool).get();
            assertThat(current.getStatus()).isNotNull();
            assertThat(current.getStatus().getIpAddresses()).isEqualTo(expected);
        });
    }
}

package dev.clusteripam.webhook.admission;

import static dev.clusteripam.webhook.admission.AdmissionRequests.SERIALIZATION;
import static dev.clusteripam.webhook.admission.AdmissionRequests.create;
import static dev.clusteripam.webhook.admission.AdmissionRequests.update;
import static dev.clusteripam.webhook.testing.Pools.addresses;
import static dev.clusteripam.webhook.testing.Pools.ipAddress;
import static dev.clusteripam.webhook.testing.Pools.ipPool;
import static dev.clusteripam.webhook.testing.Pools.prefixPool;
import static dev.clusteripam.webhook.testing.Pools.prefixes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolSpec;
import dev.clusteripam.core.overlap.OverlapPolicy;
import dev.clusteripam.webhook.allocations.PoolOverlaps;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Admission of {@code spec.preAllocations}: each refusal names {@code spec.preAllocations[claim]} and the value. */
class PreAllocationAdmissionTest {

    private static final PoolOverlaps NO_OTHER_POOLS = (pool, addresses) -> List.of();

    private final FakePoolAddresses allocations = new FakePoolAddresses();
    private final PoolValidation<InClusterIPPoolSpec> ipPools = new PoolValidation<>(PoolKind.IN_CLUSTER_IP_POOL,
            new AddressPoolRules<>(InClusterIPPoolSpec.class), allocations, NO_OTHER_POOLS, OverlapPolicy.WARN, SERIALIZATION);
    private final PoolValidation<InClusterPrefixPoolSpec> prefixPools = new PoolValidation<>(PoolKind.IN_CLUSTER_PREFIX_POOL,
            new PrefixPoolRules<>(InClusterPrefixPoolSpec.class), allocations, NO_OTHER_POOLS, OverlapPolicy.WARN, SERIALIZATION);

    @Test
    void aPoolWithAddressesItHandsOutKeptForClaimsIsCreated() {
        assertThat(ipPools.admit(create(ipPool("ns", "pool", keeping(Map.of("vip", "10.0.0.50", "lb", "10.0.0.51"))))).allowed()).isTrue();
    }

    @Test
    void everyEntryThePoolWouldNotHandOutIsRefusedNamingItsFieldAndValue() {
        Map<String, String> written = new LinkedHashMap<>();
        written.put("gw", "10.0.0.1");
        written.put("excluded", "10.0.0.105");
        written.put("network", "10.0.0.0");
        written.put("outside", "10.0.1.5");
        written.put("v6", "fd00::5");
        written.put("garbage", "ten");
        written.put("one", "10.0.0.60");
        written.put("two", "10.0.0.60");

        Status status = ipPools.admit(create(ipPool("ns", "pool", keeping(written)))).refusal().orElseThrow();

        assertThat(status.getDetails().getCauses()).extracting(StatusCause::getField, StatusCause::getMessage).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("spec.preAllocations[gw]", "Invalid value: \"10.0.0.1\": is the gateway"),
                org.assertj.core.groups.Tuple.tuple("spec.preAllocations[excluded]", "Invalid value: \"10.0.0.105\": is excluded"),
                org.assertj.core.groups.Tuple.tuple("spec.preAllocations[network]", "Invalid value: \"10.0.0.0\": is reserved (network,"
                        + " broadcast or subnet-router anycast address)"),
                org.assertj.core.groups.Tuple.tuple("spec.preAllocations[outside]", "Invalid value: \"10.0.1.5\": is outside the pool"),
                org.assertj.core.groups.Tuple.tuple("spec.preAllocations[v6]", "Invalid value: \"fd00::5\": is of the other IP family"),
                org.assertj.core.groups.Tuple.tuple("spec.preAllocations[garbage]", "Invalid value: \"ten\": is not an IP address"),
                org.assertj.core.groups.Tuple.tuple("spec.preAllocations[two]", "Invalid value: \"10.0.0.60\": is pre-allocated to claim"
                        + " \"one\" too; an item is kept for one claim"));
    }

    @Test
    void aReservedAddressMayBeKeptWhenThePoolAllocatesReservedAddresses() {
        InClusterIPPoolSpec spec = keeping(Map.of("first", "10.0.0.0"));
        spec.setAllocateReservedIPAddresses(true);
        assertThat(ipPools.admit(create(ipPool("ns", "pool", spec))).allowed()).isTrue();
    }

    @Test
    void anAddressAnotherClaimHoldsCannotBePreAllocatedButItsOwnClaimsCan() {
        allocations.with(ipAddress("ns", "web", "InClusterIPPool", "pool", "10.0.0.50", 24),
                ipAddress("ns", "vip", "InClusterIPPool", "pool", "10.0.0.51", 24));
        InClusterIPPool old = ipPool("ns", "pool", keeping(Map.of()));

        Status status = ipPools.admit(update(old, ipPool("ns", "pool", keeping(Map.of("vip", "10.0.0.50"))))).refusal().orElseThrow();

        assertThat(status.getMessage()).isEqualTo("InClusterIPPool.ipam.cluster.x-k8s.io \"pool\" is invalid: spec.preAllocations[vip]:"
                + " Invalid value: \"10.0.0.50\": is held by claim ns/web; a pre-allocation cannot take it from its holder (release it"
                + " first)");
        assertThat(ipPools.admit(update(old, ipPool("ns", "pool", keeping(Map.of("vip", "10.0.0.51"))))).allowed())
                .as("pinning the address its claim holds").isTrue();
    }

    @Test
    void anUnchangedEntryIsNotJudgedAgainAndRemovingOneOnlyEndsTheReservation() {
        InClusterIPPool before = ipPool("ns", "pool", keeping(Map.of("vip", "10.0.0.50")));
        // Held by another claim already (made by hand, say): an unrelated change of the pool is not refused for it.
        allocations.with(ipAddress("ns", "web", "InClusterIPPool", "pool", "10.0.0.50", 24));
        InClusterIPPoolSpec widened = keeping(Map.of("vip", "10.0.0.50"));
        widened.setExcludedAddresses(List.of("10.0.0.200"));

        assertThat(ipPools.admit(update(before, ipPool("ns", "pool", widened))).allowed()).isTrue();
        assertThat(ipPools.admit(update(before, ipPool("ns", "pool", keeping(Map.of())))).allowed()).isTrue();
    }

    @Test
    void prefixPoolsKeepSubPrefixesOfTheirLengthNotHeldByAnotherClaim() {
        assertThat(prefixPools.admit(create(prefixPool("ns", "pool", keepingPrefixes(Map.of("edge", "fd00:1:0:2::/64"))))).allowed())
                .isTrue();

        Status status = prefixPools.admit(create(prefixPool("ns", "pool", keepingPrefixes(Map.of("short", "fd00:1::/56",
                "outside", "fd00:2::/64"))))).refusal().orElseThrow();
        assertThat(status.getDetails().getCauses()).extracting(StatusCause::getField, StatusCause::getMessage).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("spec.preAllocations[short]", "Invalid value: \"fd00:1::/56\": is a /56; the pool"
                        + " hands out /64 sub-prefixes"),
                org.assertj.core.groups.Tuple.tuple("spec.preAllocations[outside]", "Invalid value: \"fd00:2::/64\": is outside the pool"));

        allocations.with(ipAddress("ns", "other", "InClusterPrefixPool", "pool", "fd00:1:0:2::", 64));
        InClusterPrefixPool old = prefixPool("ns", "pool", keepingPrefixes(Map.of()));
        assertThat(prefixPools.admit(update(old, prefixPool("ns", "pool", keepingPrefixes(Map.of("edge", "fd00:1:0:2::/64")))))
                .refusal().orElseThrow().getMessage()).endsWith("spec.preAllocations[edge]: Invalid value: \"fd00:1:0:2::/64\": is held"
                        + " by claim ns/other; a pre-allocation cannot take it from its holder (release it first)");
    }

    private static InClusterIPPoolSpec keeping(Map<String, String> preAllocations) {
        InClusterIPPoolSpec spec = addresses(24, "10.0.0.0/24");
        spec.setGateway("10.0.0.1");
        spec.setExcludedAddresses(List.of("10.0.0.100-10.0.0.110"));
        spec.setPreAllocations(preAllocations);
        return spec;
    }

    private static InClusterPrefixPoolSpec keepingPrefixes(Map<String, String> preAllocations) {
        InClusterPrefixPoolSpec spec = prefixes(64, "fd00:1::/48");
        spec.setPreAllocations(preAllocations);
        return spec;
    }
}

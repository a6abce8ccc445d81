package dev.clusteripam.core.overlap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.AddressSubnetSpec;
import dev.clusteripam.core.pool.PrefixPool;
import dev.clusteripam.core.pool.PrefixPoolSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OverlapIndexTest {

    @Test
    void twoIpPoolsShareTheAddressesBothMayHandOut() {
        OverlapIndex<String> index = new OverlapIndex<>();
        index.put("a", IpFamily.IPV4, AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.10-10.0.0.20"), 24)).allocatable());
        index.put("b", IpFamily.IPV4, AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.15-10.0.0.30"), 24)
                .withExcludedAddresses(List.of("10.0.0.17"))).allocatable());

        assertThat(OverlapText.describe(index.overlapsOf("a"))).isEqualTo("10.0.0.15-10.0.0.16, 10.0.0.18-10.0.0.20 with b");
        assertThat(OverlapText.describe(index.overlapsOf("b"))).isEqualTo("10.0.0.15-10.0.0.16, 10.0.0.18-10.0.0.20 with a");
    }

    @Test
    void aPoolOfSeveralSubnetsSharesTheAddressesAnyOfItsSubnetsMayHandOut() {
        OverlapIndex<String> index = new OverlapIndex<>();
        PoolAddressSet subnets = PoolAddressSet.of(AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.10-10.0.0.20"), 24)
                .withSubnets(List.of(AddressSubnetSpec.of(List.of("10.0.5.0/24"), 24).withGateway("10.0.5.1")
                        .withExcludedAddresses(List.of("10.0.5.3"))))));
        index.put("subnets", subnets.family(), subnets.addresses());
        index.put("other", IpFamily.IPV4, AddressPool.of(AddressPoolSpec.of(List.of("10.0.5.1-10.0.5.4"), 24)).allocatable());

        assertThat(OverlapText.describe(index.overlapsOf("subnets"))).isEqualTo("10.0.5.2, 10.0.5.4 with other");
    }

    @Test
    void anExclusionThatCarvesOutTheOtherPoolIsNoOverlap() {
        OverlapIndex<String> index = new OverlapIndex<>();
        index.put("wide", IpFamily.IPV4, AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.0/24"), 24)
                .withExcludedAddresses(List.of("10.0.0.100-10.0.0.199"))).allocatable());
        index.put("carved", IpFamily.IPV4, AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.100-10.0.0.199"), 24)).allocatable());

        assertThat(index.overlapsOf("wide")).isEmpty();
        assertThat(index.allOverlaps()).isEmpty();
    }

    @Test
    void aPrefixPoolOverlapsAnIpv6IpPoolInsideItsPrefixes() {
        OverlapIndex<String> index = new OverlapIndex<>();
        index.put("prefixes", IpFamily.IPV6, PrefixPool.of(PrefixPoolSpec.of(List.of("fd00::/48"), 64)).allocatableAddresses());
        index.put("addresses", IpFamily.IPV6, AddressPool.of(AddressPoolSpec.of(List.of("fd00:0:0:7::10-fd00:0:0:7::20"), 64)).allocatable());
        index.put("v4", IpFamily.IPV4, AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.0/24"), 24)).allocatable());

        assertThat(OverlapText.describe(index.overlapsOf("prefixes"))).isEqualTo("fd00:0:0:7::10-fd00:0:0:7::20 with addresses");
        assertThat(index.overlapsOf("v4")).isEmpty();
    }

    @Test
    void aReplacedPoolIsCheckedWithItsNewAddressesAndARemovedOneNoMore() {
        OverlapIndex<String> index = new OverlapIndex<>();
        index.put("a", IpFamily.IPV4, set("10.0.0.0/24"));
        index.put("b", IpFamily.IPV4, set("10.0.0.128/25"));
        index.put("b", IpFamily.IPV4, set("10.0.1.0/24"));

        assertThat(index.overlapsOf("a")).isEmpty();
        assertThat(index.overlapsWith(IpFamily.IPV4, set("10.0.1.7/32"), Optional.of("a"))).extracting(Overlap::other).containsExactly("b");
        index.remove("b");
        assertThat(index.overlapsWith(IpFamily.IPV4, set("10.0.1.7/32"), Optional.empty())).isEmpty();
    }

    @Test
    void theTextNamesAFewPoolsAndRangesAndCountsTheRest() {
        OverlapIndex<String> index = new OverlapIndex<>();
        index.put("big", IpFamily.IPV4, set("10.0.0.0/24"));
        for (int i = 0; i < 8; i++) {
            index.put("small-" + i, IpFamily.IPV4, AddressPool.of(AddressPoolSpec.of(
                    List.of("10.0.0." + (10 * i + 1), "10.0.0." + (10 * i + 3), "10.0.0." + (10 * i + 5), "10.0.0." + (10 * i + 7)), 24)).allocatable());
        }

        String text = OverlapText.describe(index.overlapsOf("big"));

        assertThat(text).startsWith("10.0.0.1, 10.0.0.3, 10.0.0.5 and 1 more with small-0; ")
                .endsWith("; and 3 more pools")
                .doesNotContain("small-5");
    }

    private static IntervalSet set(String cidr) {
        return AddressPool.of(AddressPoolSpec.of(List.of(cidr), 16).withAllocateReservedIPAddresses(true)).allocatable();
    }
}

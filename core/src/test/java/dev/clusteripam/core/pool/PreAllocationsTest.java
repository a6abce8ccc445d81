package dev.clusteripam.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpPrefix;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreAllocationsTest {

    private static final AddressPool POOL = AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.0/24"), 24)
            .withGateway("10.0.0.1").withExcludedAddresses(List.of("10.0.0.100-10.0.0.110")));
    private static final PrefixPool PREFIXES = PrefixPool.of(PrefixPoolSpec.of(List.of("fd00:1::/48"), 64)
            .withExcludedPrefixes(List.of("fd00:1:0:ff::/64")));

    @Test
    void entriesTheyPoolWouldHandOutAreKeptForTheirClaims() {
        PreAllocations<IpAddress> kept = PreAllocations.validate(Map.of("vip", "10.0.0.50", "lb", "10.0.0.51"), POOL).orElseThrow();
        assertThat(kept.itemFor("vip")).hasValue(address("10.0.0.50"));
        assertThat(kept.claimFor(address("10.0.0.51"))).hasValue("lb");
        assertThat(kept.itemFor("other")).isEmpty();
        assertThat(kept.claimFor(address("10.0.0.52"))).isEmpty();
    }

    @Test
    void everyEntryThePoolWouldNotHandOutIsAnErrorNamingTheClaimAndTheValue() {
        Map<String, String> written = new HashMap<>();
        written.put("gw", "10.0.0.1");
        written.put("excluded", "10.0.0.105");
        written.put("network", "10.0.0.0");
        written.put("broadcast", "10.0.0.255");
        written.put("outside", "10.0.1.5");
        written.put("v6", "fd00::5");
        written.put("garbage", "ten.zero");
        written.put("Not_A_Name", "10.0.0.20");
        assertThat(PreAllocations.validate(written, POOL).errors()).extracting(FieldError::toString).containsExactlyInAnyOrder(
                "spec.preAllocations[gw]: Invalid value: \"10.0.0.1\": is the gateway",
                "spec.preAllocations[excluded]: Invalid value: \"10.0.0.105\": is excluded",
                "spec.preAllocations[network]: Invalid value: \"10.0.0.0\": is " + Unallocatable.RESERVED.description(),
                "spec.preAllocations[broadcast]: Invalid value: \"10.0.0.255\": is " + Unallocatable.RESERVED.description(),
                "spec.preAllocations[outside]: Invalid value: \"10.0.1.5\": is outside the pool",
                "spec.preAllocations[v6]: Invalid value: \"fd00::5\": is of the other IP family",
                "spec.preAllocations[garbage]: Invalid value: \"ten.zero\": is not an IP address",
                "spec.preAllocations[Not_A_Name]: Invalid value: \"Not_A_Name\": is not a claim name (a DNS subdomain: lower-case"
                        + " letters, digits, '-' and '.', at most 253 characters)");
    }

    @Test
    void reservedAddressesMayBeKeptWhenThePoolHandsThemOut() {
        AddressPool pool = AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.0/24"), 24).withAllocateReservedIPAddresses(true));
        assertThat(PreAllocations.validate(Map.of("first", "10.0.0.0"), pool).isValid()).isTrue();
    }

    @Test
    void oneAddressForTwoClaimsIsRefusedOnTheLaterClaimInNameOrder() {
        // Two spellings of one address are one address.
        assertThat(PreAllocations.validate(Map.of("b", "fd00:0::1:2", "a", "fd00::1:2"),
                AddressPool.of(AddressPoolSpec.of(List.of("fd00::/64"), 64))).errors())
                .extracting(FieldError::toString)
                .containsExactly("spec.preAllocations[b]: Invalid value: \"fd00:0::1:2\": is pre-allocated to claim \"a\" too;"
                        + " an item is kept for one claim");
    }

    @Test
    void aLongValueOrNameIsQuotedBounded() {
        String longName = "a".repeat(300);
        FieldError error = PreAllocations.validate(Map.of(longName, "x".repeat(10_000)), POOL).errors().get(0);
        assertThat(error.field()).hasSizeLessThan(400);
        assertThat(error.value()).hasSizeLessThan(400);
    }

    @Test
    void tooManyEntriesAreOneError() {
        Map<String, String> written = new HashMap<>();
        for (int i = 0; i <= PreAllocations.MAX_ENTRIES; i++) {
            written.put("c" + i, "10.0.0.2");
        }
        assertThat(PreAllocations.validate(written, POOL).errors()).extracting(FieldError::toString)
                .containsExactly("spec.preAllocations: Invalid value: \"1025 entries\": must have at most 1024 entries");
    }

    @Test
    void prefixPoolsKeepSubPrefixesOfTheirAllocationLength() {
        PreAllocations<IpPrefix> kept = PreAllocations.validate(Map.of("edge", "fd00:1:0:2::/64"), PREFIXES).orElseThrow();
        assertThat(kept.itemFor("edge")).hasValue(new IpPrefix(address("fd00:1:0:2::"), 64));

        Map<String, String> written = new HashMap<>();
        written.put("short", "fd00:1:0:2::/56");
        written.put("unaligned", "fd00:1:0:2::1/64");
        written.put("outside", "fd00:2::/64");
        written.put("excluded", "fd00:1:0:ff::/64");
        written.put("v4", "10.0.0.0/24");
        written.put("address", "fd00:1::5");
        assertThat(PreAllocations.validate(written, PREFIXES).errors()).extracting(FieldError::toString).containsExactlyInAnyOrder(
                "spec.preAllocations[short]: Invalid value: \"fd00:1:0:2::/56\": is a /56; the pool hands out /64 sub-prefixes",
                "spec.preAllocations[unaligned]: Invalid value: \"fd00:1:0:2::1/64\": is not network-aligned; the sub-prefix is"
                        + " fd00:1:0:2::/64",
                "spec.preAllocations[outside]: Invalid value: \"fd00:2::/64\": is outside the pool",
                "spec.preAllocations[excluded]: Invalid value: \"fd00:1:0:ff::/64\": is excluded",
                "spec.preAllocations[v4]: Invalid value: \"10.0.0.0/24\": is of the other IP family",
                "spec.preAllocations[address]: Invalid value: \"fd00:1::5\": is not a CIDR (an IPv6 sub-prefix such as"
                        + " fd00:1:2::/64)");
    }

    @Test
    void aRequestedItemSaysWhyThePoolWouldNotHandItOut() {
        assertThat(RequestedItem.of("10.0.0.1", POOL).describe()).isEqualTo("\"10.0.0.1\" is the gateway");
        assertThat(RequestedItem.of("10.0.0.7", POOL).item()).hasValue(address("10.0.0.7"));
        assertThat(RequestedItem.of("x".repeat(5000), POOL).describe()).hasSizeLessThan(400);
    }

    private static IpAddress address(String text) {
        return IpAddress.tryParse(text).orElseThrow();
    }
}

package dev.clusteripam.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFormatException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPoolValidatorTest {

    @Nested
    class Refuses {

        @Test
        void anEmptyAddressList() {
            assertThat(errors(AddressPoolSpec.of(List.of(), 24)))
                    .containsExactly("spec.addresses: Invalid value: \"[]\": must list at least one address, range or CIDR");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "10.0.0.1 - 10.0.0.5 | 24",
            "10.0.0.5-10.0.0.1   | 24",
            "010.0.0.1           | 24",
            "10.0.0.0/33         | 24",
            "fd00::1-fd00::      | 24",
            "not-an-address      | 24",
            "10.0.0.1-fd00::1    | 24",
        })
        void entriesThatAreNoAddressRangeOrCidr(String entry, int prefix) {
            List<String> errors = errors(AddressPoolSpec.of(List.of("10.0.0.0/24", entry.strip()), prefix));
            assertThat(errors).singleElement().asString()
                    .startsWith("spec.addresses[1]: Invalid value: \"" + entry.strip() + "\": is not a valid IP address, range (a-b) or CIDR");
        }

        @Test
        void mixedFamiliesAcrossAddressesExclusionsAndGateway() {
            List<String> errors = errors(AddressPoolSpec.of(List.of("10.0.0.0/24", "::ffff:10.0.0.9"), 24)
                    .withGateway("fd00::1").withExcludedAddresses(List.of("10.0.0.7", "fd00::/64")));
            assertThat(errors).containsExactlyInAnyOrder(
                    "spec.addresses[1]: Invalid value: \"::ffff:10.0.0.9\": is IPv6 but the pool is IPv4; a pool holds one IP family",
                    "spec.gateway: Invalid value: \"fd00::1\": is IPv6 but the pool is IPv4",
                    "spec.excludedAddresses[1]: Invalid value: \"fd00::/64\": is IPv6 but the pool is IPv4; a pool holds one IP family");
        }

        @Test
        void addressesOutsideThePrefix() {
            assertThat(errors(AddressPoolSpec.of(List.of("10.1.0.0/24", "10.2.0.5"), 24))).containsExactly(
                    "spec.addresses[1]: Invalid value: \"10.2.0.5\": lies outside 10.1.0.0/24, the network of the lowest pool address"
                            + " 10.1.0.0 with spec.prefix 24; a pool's addresses share one prefix");
            assertThat(errors(AddressPoolSpec.of(List.of("fd00::/64", "fd00:0:0:1::5"), 64)))
                    .singleElement().asString().startsWith("spec.addresses[1]: Invalid value: \"fd00:0:0:1::5\": lies outside fd00::/64");
        }

        @ParameterizedTest
        @CsvSource({"10.0.0.0/24, 33", "fd00::/64, 129", "fd00::/64, -1"})
        void anInvalidPrefixForTheFamily(String address, int prefix) {
            assertThat(errors(AddressPoolSpec.of(List.of(address), prefix))).singleElement().asString()
                    .startsWith("spec.prefix: Invalid value: \"" + prefix + "\": must be");
        }

        @Test
        void anInvalidGatewayOrExclusion() {
            assertThat(errors(AddressPoolSpec.of(List.of("10.0.0.0/24"), 24).withGateway("10.0.0.256")))
                    .singleElement().asString().startsWith("spec.gateway: Invalid value: \"10.0.0.256\": is not a valid IP address");
            assertThat(errors(AddressPoolSpec.of(List.of("fd00::/64"), 64).withExcludedAddresses(List.of("fd00::/64", "fd00::x"))))
                    .singleElement().asString().startsWith("spec.excludedAddresses[1]: Invalid value: \"fd00::x\"");
        }

        @Test
        void aNegativeGracePeriod() {
            assertThat(errors(AddressPoolSpec.of(List.of("10.0.0.0/24"), 24).withAddressReuseGracePeriodSeconds(-1)))
                    .containsExactly("spec.addressReuseGracePeriodSeconds: Invalid value: \"-1\": must not be negative");
        }

        @Test
        void aGracePeriodBeyondUpstreamsInt32() {
            assertThat(errors(AddressPoolSpec.of(List.of("10.0.0.0/24"), 24).withAddressReuseGracePeriodSeconds(2147483648L)))
                    .containsExactly("spec.addressReuseGracePeriodSeconds: Invalid value: \"2147483648\": must be at most 2147483647");
            assertThat(errors(AddressPoolSpec.of(List.of("10.0.0.0/24"), 24).withAddressReuseGracePeriodSeconds(2147483647L))).isEmpty();
        }

        @Test
        void aMegabyteEntryWithABoundedErrorThatNamesTheField() {
            String huge = "1".repeat(1 << 20);
            List<String> errors = errors(AddressPoolSpec.of(List.of("10.0.0.0/24", huge), 24));
            assertThat(errors).singleElement().asString()
                    .startsWith("spec.addresses[1]: Invalid value: \"" + "1".repeat(256) + "… (")
                    .hasSizeLessThan(2 * 1024);
        }

        @Test
        void everythingWrongAtOnce() {
            assertThat(errors(new AddressPoolSpec(List.of("10.0.0.x", "10.0.0.9-10.0.0.1"), 200, java.util.Optional.of("gw"),
                    List.of("nope"), false, java.util.OptionalLong.of(-5), List.of()))).hasSize(6);
        }
    }

    @Nested
    class AcceptsWhatUpstreamAccepts {

        @Test
        void aGatewayOutsideThePrefixWithAWarning() {
            Validation<AddressPool> validation = AddressPoolValidator.validate(
                    AddressPoolSpec.of(List.of("10.0.0.10-10.0.0.20"), 24).withGateway("192.168.0.1"));
            assertThat(validation.isValid()).isTrue();
            assertThat(validation.warnings()).singleElement().asString().contains("192.168.0.1 lies outside the pool's network 10.0.0.0/24");
        }

        @Test
        void exclusionsOutsideThePrefixOverlappingEntriesAndUnalignedCidrs() {
            Validation<AddressPool> validation = AddressPoolValidator.validate(AddressPoolSpec.of(
                    List.of("10.0.0.5/24", "10.0.0.10-10.0.0.20", "10.0.0.15"), 24)
                    .withExcludedAddresses(List.of("172.16.0.0/12", "10.0.0.0-10.0.0.3")));
            assertThat(validation.errors()).isEmpty();
            assertThat(validation.warnings()).containsExactly("spec.addresses[0] \"10.0.0.5/24\" is not network-aligned;"
                    + " it is widened to its network 10.0.0.0/24, so the addresses from 10.0.0.0 on are handed out too");
            assertThat(validation.model().orElseThrow().total()).isEqualTo(java.math.BigInteger.valueOf(251));
            assertThat(validation.model().orElseThrow().isAllocatable(address("10.0.0.4"))).isTrue();
        }

        @ParameterizedTest
        @CsvSource({"10.0.0.0/8, 0.0.0.0/0", "fd00::/120, ::/0", "::1, ::/0"})
        void prefixZeroWithAWarning(String entry, String network) {
            Validation<AddressPool> validation = AddressPoolValidator.validate(AddressPoolSpec.of(List.of(entry), 0));
            assertThat(validation.errors()).isEmpty();
            assertThat(validation.model().orElseThrow().subnets().get(0).network()).hasToString(network);
            assertThat(validation.warnings()).anySatisfy(w -> assertThat(w).startsWith("spec.prefix 0 gives every allocated address"));
        }

        @Test
        void ipv4MappedEntriesWithAWarning() {
            Validation<AddressPool> validation = AddressPoolValidator.validate(AddressPoolSpec.of(
                    List.of("::ffff:10.0.0.0/120"), 96).withExcludedAddresses(List.of("::ffff:10.0.0.7")));
            assertThat(validation.errors()).isEmpty();
            assertThat(validation.warnings()).containsExactly(
                    "spec.addresses[0] \"::ffff:10.0.0.0/120\" holds IPv4-mapped IPv6 addresses (::ffff:0.0.0.0/96); they are"
                            + " handed out as IPv6 addresses, which machines do not configure as their IPv4 equivalents",
                    "spec.excludedAddresses[0] \"::ffff:10.0.0.7\" holds IPv4-mapped IPv6 addresses (::ffff:0.0.0.0/96); they are"
                            + " handed out as IPv6 addresses, which machines do not configure as their IPv4 equivalents");
        }

        @Test
        void theUnspecifiedAddressWithAWarningOnlyWhenItIsHandedOut() {
            assertThat(AddressPoolValidator.validate(AddressPoolSpec.of(List.of("0.0.0.0-0.0.0.9"), 24)
                    .withAllocateReservedIPAddresses(true)).warnings())
                    .containsExactly("the pool hands out as an address the unspecified address 0.0.0.0, which no machine can use as its own");
            assertThat(AddressPoolValidator.validate(AddressPoolSpec.of(List.of("::-::9"), 120).withAllocateReservedIPAddresses(true))
                    .warnings()).singleElement().asString().contains("unspecified address ::,");
            assertThat(AddressPoolValidator.validate(AddressPoolSpec.of(List.of("0.0.0.0-0.0.0.9"), 24)).warnings())
                    .as("reserved as the network address, so never handed out").isEmpty();
        }

        @Test
        void countsThatSaturateWithAWarning() {
            assertThat(AddressPoolValidator.validate(AddressPoolSpec.of(List.of("fd00::/64"), 64)).warnings()).containsExactly(
                    "the pool holds 18446744073709551615 addresses, more than status.ipAddresses can count: total reads"
                            + " 9223372036854775807 and free reads that number minus the used ones");
            assertThat(AddressPoolValidator.validate(AddressPoolSpec.of(List.of("fd00::/66"), 64)).warnings()).isEmpty();
        }

        @Test
        void aPoolThatMerelySpansTheMappedAddressesGetsNoMappedWarning() {
            assertThat(AddressPoolValidator.validate(AddressPoolSpec.of(List.of("::/0"), 0)).warnings())
                    .noneSatisfy(w -> assertThat(w).contains("IPv4-mapped"));
        }

        @Test
        void aSlash32ThatHasNothingToHandOutWithAWarningThatSaysWhy() {
            Validation<AddressPool> validation = AddressPoolValidator.validate(AddressPoolSpec.of(List.of("10.0.0.7"), 32));
            assertThat(validation.isValid()).isTrue();
            assertThat(validation.warnings()).singleElement().asString()
                    .contains("no address to hand out").contains("spec.allocateReservedIPAddresses");
        }

        @Test
        void aZeroGracePeriod() {
            assertThat(errors(AddressPoolSpec.of(List.of("fd00::/120"), 120).withAddressReuseGracePeriodSeconds(0))).isEmpty();
        }
    }

    @Nested
    class OnUpdate {

        private final AddressPoolSpec spec = AddressPoolSpec.of(List.of("10.0.0.0/24"), 24).withGateway("10.0.0.1");

        @Test
        void allocatedAddressesMustStayAllocatable() throws IpFormatException {
            List<IpAddress> allocated = addresses("10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.50", "10.0.0.200");
            AddressPoolSpec shrunk = AddressPoolSpec.of(List.of("10.0.0.0/25"), 24).withGateway("10.0.0.50")
                    .withExcludedAddresses(List.of("10.0.0.3-10.0.0.4"));
            assertThat(errorsOnUpdate(shrunk, allocated)).containsExactlyInAnyOrder(
                    "spec.addresses: Invalid value: \"10.0.0.200\": pool addresses do not contain allocated addresses:"
                            + " they would become outside the pool;"
                            + " release them before changing the pool",
                    "spec.excludedAddresses: Invalid value: \"10.0.0.3-10.0.0.4\": pool addresses do not contain allocated addresses:"
                            + " they would become excluded;"
                            + " release them before changing the pool",
                    "spec.gateway: Invalid value: \"10.0.0.50\": pool addresses do not contain allocated addresses:"
                            + " they would become the gateway;"
                            + " release them before changing the pool");
        }

        @Test
        void reservedAddressesCountWhenTheyAreNoLongerAllowed() throws IpFormatException {
            AddressPoolSpec allowing = spec.withAllocateReservedIPAddresses(true);
            assertThat(AddressPoolValidator.validateUpdate(allowing, addresses("10.0.0.0")).isValid()).isTrue();
            assertThat(errorsOnUpdate(spec, addresses("10.0.0.0", "10.0.0.255"))).singleElement().asString()
                    .startsWith("spec.allocateReservedIPAddresses: Invalid value: \"10.0.0.0, 10.0.0.255\"");
        }

        @Test
        void aWideningIsFine() throws IpFormatException {
            AddressPoolSpec widened = AddressPoolSpec.of(List.of("10.0.0.0/23"), 23).withGateway("10.0.0.1");
            assertThat(errorsOnUpdate(widened, addresses("10.0.0.2", "10.0.0.255"))).isEmpty();
        }
    }

    @Nested
    class Subnets {

        private final AddressPoolSpec first = AddressPoolSpec.of(List.of("10.0.0.0/24"), 24).withGateway("10.0.0.1");

        @Test
        void eachSubnetHasItsOwnNetworkGatewayAndReservedAddresses() throws IpFormatException {
            AddressPool pool = AddressPool.of(first.withSubnets(List.of(
                    AddressSubnetSpec.of(List.of("10.0.1.0/24"), 24).withGateway("10.0.1.254"),
                    AddressSubnetSpec.of(List.of("192.168.0.10-192.168.0.12"), 16).withExcludedAddresses(List.of("192.168.0.11")))));
            assertThat(pool.subnets()).extracting(AddressSubnet::toString)
                    .containsExactly("spec (10.0.0.0/24)", "spec.subnets[0] (10.0.1.0/24)", "spec.subnets[1] (192.168.0.0/16)");
            assertThat(pool.subnets()).extracting(AddressSubnet::total).map(BigInteger::longValue).containsExactly(253L, 253L, 2L);
            assertThat(pool.subnetOf(address("10.0.1.7")).orElseThrow().gateway()).contains(address("10.0.1.254"));
            assertThat(pool.whyNotAllocatable(address("10.0.1.255"))).contains(Unallocatable.RESERVED);
            assertThat(pool.whyNotAllocatable(address("10.0.1.254"))).contains(Unallocatable.GATEWAY);
            assertThat(pool.whyNotAllocatable(address("192.168.0.11"))).contains(Unallocatable.EXCLUDED);
            assertThat(pool.whyNotAllocatable(address("192.168.0.13"))).contains(Unallocatable.OUTSIDE_POOL);
            assertThat(pool.whyNotAllocatable(address("10.0.0.1"))).contains(Unallocatable.GATEWAY);
        }

        @Test
        void aGatewayOfOneSubnetIsNotHandedOutByAnother() throws IpFormatException {
            AddressPool pool = AddressPool.of(first.withSubnets(List.of(AddressSubnetSpec.of(List.of("10.0.1.0/24"), 24)
                    .withGateway("10.0.0.2"))));
            assertThat(pool.isAllocatable(address("10.0.0.2"))).isFalse();
            assertThat(pool.whyNotAllocatable(address("10.0.0.2"))).contains(Unallocatable.GATEWAY);
        }

        @Test
        void errorsNameTheSubnet() {
            List<String> errors = errors(first.withSubnets(List.of(
                    AddressSubnetSpec.of(List.of("10.0.1.0/24"), 24),
                    AddressSubnetSpec.of(List.of("10.0.2.0/24", "10.0.3.5", "ten"), 33).withGateway("gw")
                            .withExcludedAddresses(List.of("fd00::1")),
                    AddressSubnetSpec.of(List.of(), 24))));
            assertThat(errors).containsExactlyInAnyOrder(
                    "spec.subnets[1].addresses[2]: Invalid value: \"ten\": is not a valid IP address, range (a-b) or CIDR:"
                            + " " + errorOf("ten"),
                    "spec.subnets[1].gateway: Invalid value: \"gw\": is not a valid IP address: " + errorOf("gw"),
                    "spec.subnets[1].excludedAddresses[0]: Invalid value: \"fd00::1\": is IPv6 but the pool is IPv4;"
                            + " a pool holds one IP family",
                    "spec.subnets[1].prefix: Invalid value: \"33\": must be at most 32 for an IPv4 pool",
                    "spec.subnets[2].addresses: Invalid value: \"[]\": must list at least one address, range or CIDR");
        }

        @Test
        void oneFamilyForEveryGatewayAndAddress() {
            assertThat(errors(first.withSubnets(List.of(AddressSubnetSpec.of(List.of("fd00::/120"), 120).withGateway("fd00::1")))))
                    .containsExactly(
                            "spec.subnets[0].addresses[0]: Invalid value: \"fd00::/120\": is IPv6 but the pool is IPv4;"
                                    + " a pool holds one IP family",
                            "spec.subnets[0].prefix: Invalid value: \"120\": must be at most 32 for an IPv4 pool",
                            "spec.subnets[0].gateway: Invalid value: \"fd00::1\": is IPv6 but the pool is IPv4");
        }

        @Test
        void addressesOutsideTheSubnetsNetwork() {
            assertThat(errors(first.withSubnets(List.of(AddressSubnetSpec.of(List.of("10.0.1.0/24", "10.0.2.5"), 24)))))
                    .containsExactly("spec.subnets[0].addresses[1]: Invalid value: \"10.0.2.5\": lies outside 10.0.1.0/24, the network"
                            + " of the lowest subnet address 10.0.1.0 with spec.subnets[0].prefix 24; a subnet's addresses share one prefix");
        }

        @Test
        void subnetsThatShareAnAddressNamingBoth() {
            assertThat(errors(first.withSubnets(List.of(
                    AddressSubnetSpec.of(List.of("10.0.1.0/24"), 24),
                    AddressSubnetSpec.of(List.of("10.0.2.0/24", "10.0.0.250-10.0.1.5"), 16)))))
                    .containsExactly(
                            "spec.subnets[1].addresses[1]: Invalid value: \"10.0.0.250-10.0.1.5\": overlaps spec.addresses"
                                    + " (10.0.0.250-10.0.0.255); the subnets of a pool share no address",
                            "spec.subnets[1].addresses[1]: Invalid value: \"10.0.0.250-10.0.1.5\": overlaps spec.subnets[0].addresses"
                                    + " (10.0.1.0-10.0.1.5); the subnets of a pool share no address");
        }

        @Test
        void subnetsMayShareANetwork() {
            assertThat(errors(AddressPoolSpec.of(List.of("10.0.0.10-10.0.0.19"), 24).withSubnets(List.of(
                    AddressSubnetSpec.of(List.of("10.0.0.20-10.0.0.29"), 24).withGateway("10.0.0.254"))))).isEmpty();
        }

        @Test
        void atMostThirtyTwoSubnetsOfAtMost256EntriesEach() {
            AddressSubnetSpec one = AddressSubnetSpec.of(List.of("10.0.1.1"), 24);
            assertThat(errors(first.withSubnets(java.util.Collections.nCopies(33, one))))
                    .contains("spec.subnets: Invalid value: \"33 entries\": must have at most 32 items");
            List<String> many = java.util.stream.IntStream.range(0, 257).mapToObj(i -> "10.0.1." + (i % 250)).toList();
            assertThat(errors(first.withSubnets(List.of(AddressSubnetSpec.of(many, 24)))))
                    .contains("spec.subnets[0].addresses: Invalid value: \"257 entries\": must have at most 256 items");
        }

        @Test
        void warningsNameTheSubnet() {
            Validation<AddressPool> validation = AddressPoolValidator.validate(first.withSubnets(List.of(
                    AddressSubnetSpec.of(List.of("10.0.1.0/24"), 24).withGateway("192.168.0.1"),
                    AddressSubnetSpec.of(List.of("10.0.2.7"), 32))));
            assertThat(validation.warnings()).containsExactly(
                    "spec.subnets[0].gateway 192.168.0.1 lies outside the subnet's network 10.0.1.0/24; accepted as an off-link gateway",
                    "spec.subnets[1] (10.0.2.7/32) has no address to hand out: every address is excluded, reserved or the gateway");
        }

        @Test
        void anUpdateThatStrandsAddressesOfAnySubnetNamesTheField() throws IpFormatException {
            AddressPoolSpec before = first.withSubnets(List.of(AddressSubnetSpec.of(List.of("10.0.1.0/24"), 24),
                    AddressSubnetSpec.of(List.of("10.0.2.0/24"), 24)));
            List<IpAddress> allocated = addresses("10.0.0.2", "10.0.1.9", "10.0.1.20", "10.0.2.30");
            AddressPoolSpec after = first.withSubnets(List.of(
                    AddressSubnetSpec.of(List.of("10.0.1.0/24"), 24).withGateway("10.0.1.9").withExcludedAddresses(List.of("10.0.1.20"))));
            assertThat(errorsOnUpdate(after, allocated)).containsExactly(
                    "spec.subnets: Invalid value: \"10.0.2.30\": pool addresses do not contain allocated addresses:"
                            + " they would become outside the pool; release them before changing the pool",
                    "spec.subnets[0].excludedAddresses: Invalid value: \"10.0.1.20\": pool addresses do not contain allocated"
                            + " addresses: they would become excluded; release them before changing the pool",
                    "spec.subnets[0].gateway: Invalid value: \"10.0.1.9\": pool addresses do not contain allocated addresses:"
                            + " they would become the gateway; release them before changing the pool");
            assertThat(errorsOnUpdate(before.withSubnets(List.of(AddressSubnetSpec.of(List.of("10.0.1.0/24"), 24),
                    AddressSubnetSpec.of(List.of("10.0.2.0/24"), 24), AddressSubnetSpec.of(List.of("10.0.3.0/24"), 24))), allocated))
                    .as("appending a subnet").isEmpty();
        }

        private String errorOf(String text) {
            try {
                PoolEntry.parse(text);
                IpAddress.parse(text);
                throw new IllegalStateException(text + " parses");
            } catch (IpFormatException e) {
                return e.getMessage();
            }
        }
    }

    private static List<String> errors(AddressPoolSpec spec) {
        return AddressPoolValidator.validate(spec).errors().stream().map(FieldError::toString).toList();
    }

    private static List<String> errorsOnUpdate(AddressPoolSpec spec, List<IpAddress> allocated) {
        return AddressPoolValidator.validateUpdate(spec, allocated).errors().stream().map(FieldError::toString).toList();
    }

    private static IpAddress address(String text) {
        try {
            return IpAddress.parse(text);
        } catch (IpFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<IpAddress> addresses(String... texts) throws IpFormatException {
        List<IpAddress> result = new ArrayList<>();
        for (String text : texts) {
            result.add(IpAddress.parse(text));
        }
        return result;
    }
}

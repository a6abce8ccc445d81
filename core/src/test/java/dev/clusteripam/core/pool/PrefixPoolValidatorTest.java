package dev.clusteripam.core.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpPrefix;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PrefixPoolValidatorTest {

    @Test
    void refusesEveryBadEntryAtOnce() {
        PrefixPoolSpec spec = new PrefixPoolSpec(List.of("10.0.0.0/8", "fd00::1/48", "fd00::/32", "fd00::"), OptionalInt.of(40),
                List.of("10.0.0.1", "fd00::/zz"), Optional.of("10.0.0.1"));
        assertThat(errors(spec)).containsExactlyInAnyOrder(
                "spec.prefixes[0]: Invalid value: \"10.0.0.0/8\": is IPv4; prefix pools hand out IPv6 prefixes only",
                "spec.prefixes[1]: Invalid value: \"fd00::1/48\": is not network-aligned; the network is fd00::/48",
                "spec.prefixes[1]: Invalid value: \"fd00::1/48\": is longer than spec.allocationPrefixLength (40)",
                "spec.prefixes[3]: Invalid value: \"fd00::\": is not a valid IPv6 CIDR: \"fd00::\" is not a CIDR: no '/'",
                "spec.gateway: Invalid value: \"10.0.0.1\": is IPv4; a prefix pool's gateway must be IPv6",
                "spec.excludedPrefixes[0]: Invalid value: \"10.0.0.1\": is IPv4 but the pool is IPv6; a pool holds one IP family",
                "spec.excludedPrefixes[1]: Invalid value: \"fd00::/zz\": is not a valid IP address, range (a-b) or CIDR:"
                        + " \"fd00::/zz\" is not a CIDR: \"zz\" is not a prefix length");
    }

    @Test
    void refusesAnEmptyListAndALengthOutOfRange() {
        assertThat(errors(PrefixPoolSpec.of(List.of(), 129))).containsExactlyInAnyOrder(
                "spec.allocationPrefixLength: Invalid value: \"129\": must be between 1 and 128",
                "spec.prefixes: Invalid value: \"[]\": must list at least one IPv6 CIDR");
    }

    @Test
    void defaultsToSlash64AndWarnsAboutSlash128AndAGatewayInside() {
        PrefixPoolSpec defaulted = new PrefixPoolSpec(List.of("fd00::/48"), OptionalInt.empty(), List.of(), Optional.empty());
        assertThat(PrefixPool.of(defaulted).allocationPrefixLength()).isEqualTo(64);
        Validation<PrefixPool> validation = PrefixPoolValidator.validate(PrefixPoolSpec.of(List.of("fd00::/120"), 128).withGateway("fd00::1"));
        assertThat(validation.isValid()).isTrue();
        assertThat(validation.warnings()).hasSize(2);
    }

    @Test
    void theAllocationLengthIsImmutable() {
        PrefixPoolSpec before = PrefixPoolSpec.of(List.of("fd00::/48"), 64);
        PrefixPoolSpec after = PrefixPoolSpec.of(List.of("fd00::/48"), 56);
        assertThat(PrefixPoolValidator.validateUpdate(before, after, List.of()).errors())
                .extracting(FieldError::toString)
                .containsExactly("spec.allocationPrefixLength: Invalid value: \"56\": is immutable (it was 64)");
    }

    @Test
    void anExclusionMayNotCoverAnAllocatedSubPrefix() throws IpFormatException {
        PrefixPoolSpec before = PrefixPoolSpec.of(List.of("fd00::/48"), 64);
        PrefixPoolSpec after = before.withExcludedPrefixes(List.of("fd00:0:0:1::7"));
        List<IpPrefix> allocated = List.of(IpPrefix.parse("fd00::/64"), IpPrefix.parse("fd00:0:0:1::/64"));
        assertThat(PrefixPoolValidator.validateUpdate(before, after, allocated).errors()).extracting(FieldError::toString)
                .containsExactly("spec.excludedPrefixes: Invalid value: \"fd00:0:0:1::/64\": existing allocations become"
                        + " non-allocatable: these allocated prefixes would become excluded; release them before changing the pool");
    }

    @Test
    void strandedPrefixesAreListedAsRunsAfterUpstreamsWords() throws IpFormatException {
        PrefixPoolSpec before = PrefixPoolSpec.of(List.of("fd00::/48"), 64);
        PrefixPoolSpec after = PrefixPoolSpec.of(List.of("fd00:1::/48"), 64);
        List<IpPrefix> allocated = List.of(IpPrefix.parse("fd00::/64"), IpPrefix.parse("fd00:0:0:2::/64"),
                IpPrefix.parse("fd00:0:0:1::/64"), IpPrefix.parse("fd00:0:0:9::/64"));
        assertThat(PrefixPoolValidator.validateUpdate(before, after, allocated).errors()).extracting(FieldError::toString)
                .containsExactly("spec.prefixes: Invalid value: \"fd00::/64-fd00:0:0:2::/64, fd00:0:0:9::/64\": existing allocations"
                        + " become non-allocatable: these allocated prefixes would become outside the pool; release them before"
                        + " changing the pool");
    }

    @Test
    void warnsAboutUnalignedOrMappedExclusionsTheUnspecifiedBaseAndSaturatedCounts() {
        Validation<PrefixPool> validation = PrefixPoolValidator.validate(PrefixPoolSpec.of(List.of("::/32"), 128)
                .withExcludedPrefixes(List.of("::5/120", "::ffff:10.0.0.1")));
        assertThat(validation.errors()).isEmpty();
        assertThat(validation.warnings()).contains(
                "spec.excludedPrefixes[0] \"::5/120\" is not network-aligned; it is widened to its network ::/120, so the"
                        + " addresses from :: on are excluded too",
                "spec.excludedPrefixes[1] \"::ffff:10.0.0.1\" holds IPv4-mapped IPv6 addresses (::ffff:0.0.0.0/96); they are"
                        + " handed out as IPv6 addresses, which machines do not configure as their IPv4 equivalents",
                "the pool holds 79228162514264337593543950079 sub-prefixes, more than status.ipAddresses can count: total reads"
                        + " 9223372036854775807 and free reads that number minus the used ones");
        assertThat(PrefixPoolValidator.validate(PrefixPoolSpec.of(List.of("::/48"), 64)).warnings())
                .containsExactly("the pool hands out the sub-prefix ::/64, whose base is the unspecified address ::, which no"
                        + " machine can use as its own");
    }

    private static List<String> errors(PrefixPoolSpec spec) {
        return PrefixPoolValidator.validate(spec).errors().stream().map(FieldError::toString).toList();
    }
}

package dev.clusteripam.core.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.clusteripam.core.check.Generators.longs;
import static dev.clusteripam.core.check.Generators.nonNegativeLongs;
import static dev.clusteripam.core.check.Generators.of;
import static dev.clusteripam.core.check.Generators.oneOf;

import dev.clusteripam.core.check.PropertyCheck;
import inet.ipaddr.IPAddressString;
import io.kotest.property.Arb;
import io.kotest.property.arbitrary.BindKt;
import io.kotest.property.arbitrary.MapKt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.1, 10.0.0.1",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "fd00:0:0:1:0:0:0:0, fd00:0:0:1::",
        "FD00::1, fd00::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "::, ::",
        "::1, ::1",
        "1::, 1::",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        "::ffff:10.0.0.1, ::ffff:10.0.0.1",
        "::ffff:a00:1, ::ffff:10.0.0.1",
        "64:ff9b::10.0.0.1, 64:ff9b::a00:1",
    })
    void printsTheCanonicalText(String written, String canonical) throws IpFormatException {
        assertThat(IpAddress.parse(written)).hasToString(canonical);
    }

    @Test
    void tryParseGivesNothingForWhatIsNotAnAddress() {
        assertThat(IpAddress.tryParse("10.0.0.7")).contains(IpAddress.ipv4(0x0A000007L));
        assertThat(IpAddress.tryParse("fd00::1")).contains(IpAddress.ipv6(0xFD00_0000_0000_0000L, 1L));
        assertThat(IpAddress.tryParse(null)).isEmpty();
        assertThat(IpAddress.tryParse("")).isEmpty();
        assertThat(IpAddress.tryParse("10.0.0.256")).isEmpty();
        assertThat(IpAddress.tryParse("router")).isEmpty();
    }

    @Test
    void familiesAreTold() throws IpFormatException {
        assertThat(IpAddress.parse("10.0.0.1").family()).isEqualTo(IpFamily.IPV4);
        assertThat(IpAddress.parse("fd00::1").family()).isEqualTo(IpFamily.IPV6);
        // An IPv4-mapped IPv6 address is IPv6, as Go's netip treats it: it cannot join an IPv4 pool.
        assertThat(IpAddress.parse("::ffff:10.0.0.1").family()).isEqualTo(IpFamily.IPV6);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " 10.0.0.1", "10.0.0.1 ", "10.0.0", "10.0.0.1.2", "10.0.0.256", "010.0.0.1", "10.0.0.01",
        "10..0.1", "1e.0.0.1", "10.0.0.-1", "+1.0.0.1", "0x0a.0.0.1", "10.0.0.1/24",
        "fd00::1::2", "fd00:::1", ":fd00::1", "fd00::1:", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8::", "12345::1", "fd00::g", "fe80::1%eth0", "::ffff:10.0.0.01", "1.2.3.4::",
        "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "١٠.0.0.1", "fd00::１",
    })
    void refusesWhatGoNetipRefuses(String text) {
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IpFormatException.class);
    }

    @Test
    void errorsSayWhatIsWrong() {
        assertThatThrownBy(() -> IpAddress.parse("10.0.0.01")).hasMessageContaining("leading zero");
        assertThatThrownBy(() -> IpAddress.parse("10.0.0.300")).hasMessageContaining("above 255");
        assertThatThrownBy(() -> IpAddress.parse("fe80::1%eth0")).hasMessageContaining("zone");
    }

    @Test
    void ordersIpv4BeforeIpv6AndNumericallyWithin() throws IpFormatException {
        assertThat(IpAddress.parse("10.0.0.9")).isLessThan(IpAddress.parse("10.0.0.10"));
        assertThat(IpAddress.parse("255.255.255.255")).isLessThan(IpAddress.parse("::"));
        assertThat(IpAddress.parse("fd00::ffff")).isLessThan(IpAddress.parse("fd00::1:0"));
    }

    @Test
    void stepsAcrossByteBoundariesAndStopsAtTheFamilyEnds() throws IpFormatException {
        assertThat(IpAddress.parse("10.0.0.255").next()).contains(IpAddress.parse("10.0.1.0"));
        assertThat(IpAddress.parse("10.0.1.0").previous()).contains(IpAddress.parse("10.0.0.255"));
        assertThat(IpAddress.parse("::ffff:ffff:ffff:ffff").next()).contains(IpAddress.parse("0:0:0:1::"));
        assertThat(IpAddress.parse("255.255.255.255").next()).isEmpty();
        assertThat(IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").next()).isEmpty();
        assertThat(IpAddress.parse("0.0.0.0").previous()).isEmpty();
    }

    @Test
    void canonicalTextParsesBackToTheSameAddress() {
        PropertyCheck.forAll(2000, oneOf(ipv4Addresses(), ipv6Addresses()),
                address -> assertThat(IpAddress.parse(address.toString())).isEqualTo(address));
    }

    @Test
    void ipv6TextIsRfc5952AsAnIndependentLibraryWritesIt() {
        PropertyCheck.forAll(2000, ipv6Addresses(), address -> {
            // The independent library writes IPv4-mapped addresses in hex; Go (and so we) write a dotted quad.
            boolean ipv4Mapped = address.value().high() == 0 && (address.value().low() >>> 32) == 0xFFFFL;
            if (!ipv4Mapped) {
                String independent = new IPAddressString(address.toString()).getAddress().toCanonicalString();
                assertThat(address).hasToString(independent);
            }
        });
    }

    private static Arb<IpAddress> ipv4Addresses() {
        return MapKt.map(nonNegativeLongs(0, 0xFFFFFFFFL), IpAddress::ipv4);
    }

    private static Arb<IpAddress> ipv6Addresses() {
        // Sparse groups make zero runs of every length, where RFC 5952's compression rules bite.
        Arb<Long> sparse = MapKt.map(longs(), l -> l & 0xFFFF0000FFFF0000L >>> (l & 31));
        Arb<Long> word = oneOf(longs(), sparse, of(0L, -1L, 1L, 0xFFFFL));
        return BindKt.bind(Arb.Companion, word, word, IpAddress::ipv6);
    }
}

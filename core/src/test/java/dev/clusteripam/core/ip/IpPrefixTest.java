package dev.clusteripam.core.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpPrefixTest {

    @Test
    void aCidrNeedNotBeNetworkAlignedAndStandsForItsWholeNetwork() throws IpFormatException {
        IpPrefix prefix = IpPrefix.parse("10.0.0.5/24");
        assertThat(prefix.isNetworkAligned()).isFalse();
        assertThat(prefix.toRange()).hasToString("10.0.0.0-10.0.0.255");
        assertThat(prefix.network()).hasToString("10.0.0.0/24");
    }

    @Test
    void coversTheEdgesOfBothFamilies() throws IpFormatException {
        assertThat(IpPrefix.parse("0.0.0.0/0").toRange()).hasToString("0.0.0.0-255.255.255.255");
        assertThat(IpPrefix.parse("10.0.0.7/32").toRange()).hasToString("10.0.0.7");
        assertThat(IpPrefix.parse("10.0.0.7/31").toRange()).hasToString("10.0.0.6-10.0.0.7");
        assertThat(IpPrefix.parse("::/0").toRange()).hasToString("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        assertThat(IpPrefix.parse("fd00::1/127").toRange()).hasToString("fd00::-fd00::1");
        assertThat(IpPrefix.parse("fd00::1/128").toRange()).hasToString("fd00::1");
        assertThat(IpPrefix.parse("ffff:ffff:ffff:ffff::/64").lastAddress()).hasToString("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        assertThat(IpPrefix.parse("fd00::/65").lastAddress()).hasToString("fd00::7fff:ffff:ffff:ffff");
    }

    @Test
    void sizesAreExactBeyondSixtyFourBits() throws IpFormatException {
        assertThat(IpPrefix.parse("::/0").toRange().size()).isEqualTo(java.math.BigInteger.ONE.shiftLeft(128));
        assertThat(IpPrefix.parse("10.0.0.0/8").toRange().size()).isEqualTo(java.math.BigInteger.valueOf(1 << 24));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/024", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/+8", "fd00::/129",
        "10.0.0.0 /24", "10.0.0.0/ 24", "fe80::%eth0/64", "10.0.0/24"})
    void refusesWhatGoNetipRefuses(String text) {
        assertThatThrownBy(() -> IpPrefix.parse(text)).isInstanceOf(IpFormatException.class);
    }
}

package dev.clusteripam.core.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    @Test
    void parsesARangeAcrossByteBoundaries() throws IpFormatException {
        IpRange range = IpRange.parse("10.0.0.250-10.0.1.5");
        assertThat(range.size()).isEqualTo(java.math.BigInteger.valueOf(12));
        assertThat(range.contains(IpAddress.parse("10.0.1.0"))).isTrue();
        assertThat(range.contains(IpAddress.parse("10.0.1.6"))).isFalse();
    }

    @Test
    void aRangeMayHoldOneAddress() throws IpFormatException {
        assertThat(IpRange.parse("fd00::5-fd00::5")).hasToString("fd00::5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1 - 10.0.0.5", "10.0.0.1 -10.0.0.5", "10.0.0.5-10.0.0.1", "10.0.0.1-fd00::1",
        "10.0.0.1-", "-10.0.0.1", "10.0.0.1-10.0.0.2-10.0.0.3", "fd00::9-fd00::1"})
    void refusesSpacesReversedAndMixedRanges(String text) {
        assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOf(IpFormatException.class);
    }

    @Test
    void saysWhyARangeIsRefused() {
        assertThatThrownBy(() -> IpRange.parse("10.0.0.5-10.0.0.1")).hasMessageContaining("starts after it ends");
        assertThatThrownBy(() -> IpRange.parse("10.0.0.1-fd00::1")).hasMessageContaining("mixes IPv4 and IPv6");
    }
}

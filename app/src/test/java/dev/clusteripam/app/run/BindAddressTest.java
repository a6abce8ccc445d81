package dev.clusteripam.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Listen addresses as Go writes them, since Deployments carry them from the upstream manager. */
class BindAddressTest {

    @Test
    void aPortAloneListensOnEveryInterface() {
        BindAddress address = BindAddress.parse(":8081").orElseThrow();

        assertThat(address).isEqualTo(new BindAddress(Optional.empty(), 8081));
        assertThat(address.socketAddress().getAddress().isAnyLocalAddress()).isTrue();
        assertThat(address).hasToString(":8081");
    }

    @Test
    void aHostAndPort() {
        BindAddress address = BindAddress.parse("127.0.0.1:0").orElseThrow();

        assertThat(address).isEqualTo(new BindAddress(Optional.of("127.0.0.1"), 0));
        assertThat(address.socketAddress().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void anIpv6AddressInBrackets() {
        BindAddress address = BindAddress.parse("[::1]:8081").orElseThrow();

        assertThat(address).isEqualTo(new BindAddress(Optional.of("::1"), 8081));
        assertThat(address).hasToString("[::1]:8081");
    }

    @Test
    void zeroTurnsTheServerOffAsInControllerRuntime() {
        assertThat(BindAddress.parse("0")).isEmpty();
    }

    @Test
    void aPortWithoutColonIsRefused() {
        assertThatThrownBy(() -> BindAddress.parse("8081")).hasMessageStartingWith("'8081' is not [host]:port (no port)");
    }

    @Test
    void anIpv6AddressWithoutBracketsIsRefused() {
        assertThatThrownBy(() -> BindAddress.parse("::1:8081")).hasMessageContaining("an IPv6 address needs brackets");
    }

    @Test
    void aPortOutOfRangeOrByNameIsRefused() {
        assertThatThrownBy(() -> BindAddress.parse(":65536")).hasMessageContaining("the port must be a number in 0..65535");
        assertThatThrownBy(() -> BindAddress.parse("localhost:http")).hasMessageContaining("the port must be a number in 0..65535");
        assertThatThrownBy(() -> BindAddress.parse("localhost:")).hasMessageContaining("the port must be a number in 0..65535");
    }
}

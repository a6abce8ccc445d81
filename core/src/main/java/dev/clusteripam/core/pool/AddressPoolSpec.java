package dev.clusteripam.core.pool;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The spec of an {@code InClusterIPPool} or {@code GlobalInClusterIPPool} ({@code v1alpha2}), as
 * written, before any parsing. A missing {@code prefix} reads as 0, which validation refuses as
 * upstream does.
 */
public record AddressPoolSpec(
        List<String> addresses,
        int prefix,
        Optional<String> gateway,
        List<String> excludedAddresses,
        boolean allocateReservedIPAddresses,
        OptionalLong addressReuseGracePeriodSeconds) {

    public AddressPoolSpec {
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(gateway, "gateway");
        excludedAddresses = List.copyOf(excludedAddresses);
        Objects.requireNonNull(addressReuseGracePeriodSeconds, "addressReuseGracePeriodSeconds");
    }

    /** A spec with only the two required fields. */
    public static AddressPoolSpec of(List<String> addresses, int prefix) {
        return new AddressPoolSpec(addresses, prefix, Optional.empty(), List.of(), false, OptionalLong.empty());
    }

    public AddressPoolSpec withGateway(String newGateway) {
        return new AddressPoolSpec(addresses, prefix, Optional.of(newGateway), excludedAddresses,
                allocateReservedIPAddresses, addressReuseGracePeriodSeconds);
    }

    public AddressPoolSpec withExcludedAddresses(List<String> newExcluded) {
        return new AddressPoolSpec(addresses, prefix, gateway, newExcluded,
                allocateReservedIPAddresses, addressReuseGracePeriodSeconds);
    }

    public AddressPoolSpec withAllocateReservedIPAddresses(boolean allowed) {
        return new AddressPoolSpec(addresses, prefix, gateway, excludedAddresses, allowed, addressReuseGracePeriodSeconds);
    }

    public AddressPoolSpec withAddressReuseGracePeriodSeconds(long seconds) {
        return new AddressPoolSpec(addresses, prefix, gateway, excludedAddresses,
                allocateReservedIPAddresses, OptionalLong.of(seconds));
    }
}

package dev.clusteripam.core.pool;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of an IP pool's {@code spec.subnets}, as written: a further subnet with its own
 * addresses, prefix, gateway and exclusions, served after the pool's own (top-level) fields and the
 * subnets listed before it. A missing {@code prefix} reads as 0, which validation refuses.
 */
public record AddressSubnetSpec(List<String> addresses, int prefix, Optional<String> gateway, List<String> excludedAddresses) {

    public AddressSubnetSpec {
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(gateway, "gateway");
        excludedAddresses = List.copyOf(excludedAddresses);
    }

    /** A subnet with only the two required fields. */
    public static AddressSubnetSpec of(List<String> addresses, int prefix) {
        return new AddressSubnetSpec(addresses, prefix, Optional.empty(), List.of());
    }

    public AddressSubnetSpec withGateway(String newGateway) {
        return new AddressSubnetSpec(addresses, prefix, Optional.of(newGateway), excludedAddresses);
    }

    public AddressSubnetSpec withExcludedAddresses(List<String> newExcluded) {
        return new AddressSubnetSpec(addresses, prefix, gateway, newExcluded);
    }
}

package dev.clusteripam.core.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The spec of an {@code InClusterIPPool} or {@code GlobalInClusterIPPool} ({@code v1alpha2}), as
 * written, before any parsing. A missing {@code prefix} reads as 0, which validation refuses as
 * upstream does. The top-level {@code addresses}, {@code prefix}, {@code gateway} and
 * {@code excludedAddresses} are the pool's first subnet; {@code subnets} are further ones, served
 * after it in list order.
 */
public record AddressPoolSpec(
        List<String> addresses,
        int prefix,
        Optional<String> gateway,
        List<String> excludedAddresses,
        boolean allocateReservedIPAddresses,
        OptionalLong addressReuseGracePeriodSeconds,
        List<AddressSubnetSpec> subnets) {

    public AddressPoolSpec {
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(gateway, "gateway");
        excludedAddresses = List.copyOf(excludedAddresses);
        Objects.requireNonNull(addressReuseGracePeriodSeconds, "addressReuseGracePeriodSeconds");
        subnets = List.copyOf(subnets);
    }

    /** A spec with only the two required fields. */
    public static AddressPoolSpec of(List<String> addresses, int prefix) {
        return new AddressPoolSpec(addresses, prefix, Optional.empty(), List.of(), false, OptionalLong.empty(), List.of());
    }

    public AddressPoolSpec withGateway(String newGateway) {
        return new AddressPoolSpec(addresses, prefix, Optional.of(newGateway), excludedAddresses,
                allocateReservedIPAddresses, addressReuseGracePeriodSeconds, subnets);
    }

    public AddressPoolSpec withExcludedAddresses(List<String> newExcluded) {
        return new AddressPoolSpec(addresses, prefix, gateway, newExcluded,
                allocateReservedIPAddresses, addressReuseGracePeriodSeconds, subnets);
    }

    public AddressPoolSpec withAllocateReservedIPAddresses(boolean allowed) {
        return new AddressPoolSpec(addresses, prefix, gateway, excludedAddresses, allowed, addressReuseGracePeriodSeconds, subnets);
    }

    public AddressPoolSpec withAddressReuseGracePeriodSeconds(long seconds) {
        return new AddressPoolSpec(addresses, prefix, gateway, excludedAddresses,
                allocateReservedIPAddresses, OptionalLong.of(seconds), subnets);
    }

    public AddressPoolSpec withSubnets(List<AddressSubnetSpec> newSubnets) {
        return new AddressPoolSpec(addresses, prefix, gateway, excludedAddresses,
                allocateReservedIPAddresses, addressReuseGracePeriodSeconds, newSubnets);
    }

    /** The top-level fields as the pool's first subnet, then {@code subnets}: every subnet in the order served. */
    public List<AddressSubnetSpec> allSubnets() {
        List<AddressSubnetSpec> all = new ArrayList<>(subnets.size() + 1);
        all.add(new AddressSubnetSpec(addresses, prefix, gateway, excludedAddresses));
        all.addAll(subnets);
        return all;
    }

    /**
     * Where subnet {@code index} of {@link #allSubnets()} is written: {@code spec} for the first
     * (the top-level fields), {@code spec.subnets[i]} for the others.
     */
    public static String fieldOfSubnet(int index) {
        return index == 0 ? "spec" : "spec.subnets[" + (index - 1) + "]";
    }
}

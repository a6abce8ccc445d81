package dev.clusteripam.core.pool;

import dev.clusteripam.core.interval.Interval;
import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.ip.IpRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A valid IP pool: which addresses it may hand out and why it would not hand out the others.
 *
 * <p>The prefix network comes from the lowest pool address and {@code spec.prefix}. Reserved
 * addresses are the IPv4 network and broadcast addresses of that network and the IPv6
 * subnet-router anycast address (its first address), unless {@code allocateReservedIPAddresses};
 * the gateway is never handed out. Made only through {@link AddressPoolValidator}.
 */
public final class AddressPool {

    private final IpFamily family;
    private final IpPrefix network;
    private final IntervalSet addresses;
    private final IntervalSet excluded;
    private final Optional<IpAddress> gateway;
    private final IntervalSet reserved;
    private final IntervalSet allocatable;

    AddressPool(IpFamily family, IpPrefix network, IntervalSet addresses, IntervalSet excluded,
            Optional<IpAddress> gateway, boolean allocateReserved) {
        this.family = family;
        this.network = network;
        this.addresses = addresses;
        this.excluded = excluded;
        this.gateway = gateway;
        this.reserved = allocateReserved ? IntervalSet.empty() : reservedAddresses(network);
        IntervalSet blocked = excluded.union(reserved);
        if (gateway.isPresent()) {
            blocked = blocked.union(IntervalSet.of(Interval.single(gateway.get().value())));
        }
        this.allocatable = addresses.minus(blocked);
    }

    /** The pool of a spec, or {@link InvalidPoolSpecException} with every error. */
    public static AddressPool of(AddressPoolSpec spec) {
        return AddressPoolValidator.validate(spec).orElseThrow();
    }

    private static IntervalSet reservedAddresses(IpPrefix network) {
        Interval first = Interval.single(network.firstAddress().value());
        if (network.family() == IpFamily.IPV6) {
            return IntervalSet.of(first);
        }
        return IntervalSet.of(first, Interval.single(network.lastAddress().value()));
    }

    public IpFamily family() {
        return family;
    }

    /** The prefix network every allocated address belongs to. */
    public IpPrefix network() {
        return network;
    }

    public int prefixLength() {
        return network.length();
    }

    public Optional<IpAddress> gateway() {
        return gateway;
    }

    /** The addresses the pool may hand out, free or not. */
    public IntervalSet allocatable() {
        return allocatable;
    }

    public boolean isAllocatable(IpAddress address) {
        return address.family() == family && allocatable.contains(address.value());
    }

    /** Why the pool would not hand out {@code address}; empty when it would. */
    public Optional<Unallocatable> whyNotAllocatable(IpAddress address) {
        if (address.family() != family) {
            return Optional.of(Unallocatable.OTHER_FAMILY);
        }
        if (!addresses.contains(address.value())) {
            return Optional.of(Unallocatable.OUTSIDE_POOL);
        }
        if (gateway.isPresent() && gateway.get().equals(address)) {
            return Optional.of(Unallocatable.GATEWAY);
        }
        if (excluded.contains(address.value())) {
            return Optional.of(Unallocatable.EXCLUDED);
        }
        if (reserved.contains(address.value())) {
            return Optional.of(Unallocatable.RESERVED);
        }
        return Optional.empty();
    }

    /** Number of addresses the pool may hand out. */
    public BigInteger total() {
        return allocatable.size();
    }

    /** The allocatable addresses as ranges, lowest first. */
    public List<IpRange> allocatableRanges() {
        return toRanges(family, allocatable);
    }

    /** Addresses of one family as the fewest ranges, lowest first: "10.0.0.5-10.0.0.7, 10.0.0.9". */
    public static List<IpRange> toRanges(IpFamily family, IntervalSet values) {
        List<IpRange> ranges = new ArrayList<>(values.intervals().size());
        for (Interval interval : values.intervals()) {
            ranges.add(new IpRange(new IpAddress(family, interval.first()), new IpAddress(family, interval.last())));
        }
        return ranges;
    }

    /** Addresses (of any families) as the fewest ranges, IPv4 first. */
    public static List<IpRange> toRanges(Collection<IpAddress> addresses) {
        List<IpRange> ranges = new ArrayList<>();
        for (IpFamily each : IpFamily.values()) {
            List<Interval> singles = addresses.stream()
                    .filter(a -> a.family() == each)
                    .map(a -> Interval.single(a.value()))
                    .toList();
            ranges.addAll(toRanges(each, IntervalSet.of(singles)));
        }
        return ranges;
    }
}

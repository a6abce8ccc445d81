package dev.clusteripam.core.pool;

import dev.clusteripam.core.interval.Interval;
import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A valid IP pool: which addresses it may hand out and why it would not hand out the others.
 *
 * <p>A pool is one or more {@link AddressSubnet}s of one IP family that share no address: its
 * top-level fields, then each item of {@code spec.subnets}, served in that order. Each subnet has
 * its own network, gateway, exclusions and reserved addresses. Made only through
 * {@link AddressPoolValidator}.
 */
public final class AddressPool {

    private final IpFamily family;
    private final List<AddressSubnet> subnets;
    private final IntervalSet allocatable;

    AddressPool(IpFamily family, List<AddressSubnet> subnets) {
        this.family = family;
        this.subnets = List.copyOf(subnets);
        IntervalSet union = IntervalSet.empty();
        for (AddressSubnet subnet : subnets) {
            union = union.union(subnet.allocatable());
        }
        this.allocatable = union;
    }

    /** The pool of a spec, or {@link InvalidPoolSpecException} with every error. */
    public static AddressPool of(AddressPoolSpec spec) {
        return AddressPoolValidator.validate(spec).orElseThrow();
    }

    public IpFamily family() {
        return family;
    }

    /** Its subnets in the order they are served, the top-level fields first; never empty. */
    public List<AddressSubnet> subnets() {
        return subnets;
    }

    /** The subnet {@code address} is one of the addresses of, allocatable or not; empty when none. */
    public Optional<AddressSubnet> subnetOf(IpAddress address) {
        if (address.family() != family) {
            return Optional.empty();
        }
        for (AddressSubnet subnet : subnets) {
            if (subnet.contains(address)) {
                return Optional.of(subnet);
            }
        }
        return Optional.empty();
    }

    /** The addresses the pool may hand out, free or not, of every subnet. */
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
        return subnetOf(address).map(subnet -> subnet.whyNotAllocatable(address)).orElse(Optional.of(Unallocatable.OUTSIDE_POOL));
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

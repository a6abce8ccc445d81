package dev.clusteripam.core.pool;

import dev.clusteripam.core.interval.Interval;
import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.ip.U128;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A valid IPv6 prefix pool: the sub-prefixes of {@code allocationPrefixLength} bits it may hand
 * out.
 *
 * <p>Sub-prefixes are numbered by their network bits (the address shifted right by the host bits),
 * so that carving /64s out of a /48 is the same interval arithmetic as handing out addresses: the
 * pool's allocatable set is an interval set of sub-prefix numbers. Any sub-prefix that overlaps an
 * exclusion is left out. Made only through {@link PrefixPoolValidator}.
 */
public final class PrefixPool {

    private final List<IpPrefix> prefixes;
    private final int allocationPrefixLength;
    private final Optional<IpAddress> gateway;
    private final IntervalSet prefixBlocks;
    private final IntervalSet allocatableBlocks;

    PrefixPool(List<IpPrefix> prefixes, int allocationPrefixLength, IntervalSet excluded, Optional<IpAddress> gateway) {
        this.prefixes = List.copyOf(prefixes);
        this.allocationPrefixLength = allocationPrefixLength;
        this.gateway = gateway;
        List<Interval> blocks = new ArrayList<>();
        for (IpPrefix prefix : prefixes) {
            blocks.add(blocksCovering(prefix.firstAddress().value(), prefix.lastAddress().value()));
        }
        this.prefixBlocks = IntervalSet.of(blocks);
        List<Interval> excludedBlocks = new ArrayList<>();
        for (Interval interval : excluded.intervals()) {
            excludedBlocks.add(blocksCovering(interval.first(), interval.last()));
        }
        this.allocatableBlocks = prefixBlocks.minus(IntervalSet.of(excludedBlocks));
    }

    public static PrefixPool of(PrefixPoolSpec spec) {
        return PrefixPoolValidator.validate(spec).orElseThrow();
    }

    public List<IpPrefix> prefixes() {
        return prefixes;
    }

    public int allocationPrefixLength() {
        return allocationPrefixLength;
    }

    public Optional<IpAddress> gateway() {
        return gateway;
    }

    /** The numbers of the sub-prefixes the pool may hand out, free or not. */
    public IntervalSet allocatableBlocks() {
        return allocatableBlocks;
    }

    /** The addresses of every sub-prefix the pool may hand out, as address values (not block numbers). */
    public IntervalSet allocatableAddresses() {
        List<Interval> addresses = new ArrayList<>(allocatableBlocks.intervals().size());
        U128 hostMask = U128.lowBitsMask(hostBits());
        for (Interval blocks : allocatableBlocks.intervals()) {
            addresses.add(new Interval(blocks.first().shiftLeft(hostBits()), blocks.last().shiftLeft(hostBits()).or(hostMask)));
        }
        return IntervalSet.of(addresses);
    }

    /** The number of a sub-prefix of the pool's length, or empty when {@code prefix} is not one. */
    public Optional<U128> blockOf(IpPrefix prefix) {
        if (prefix.family() != IpFamily.IPV6 || prefix.length() != allocationPrefixLength || !prefix.isNetworkAligned()) {
            return Optional.empty();
        }
        return Optional.of(prefix.address().value().shiftRight(hostBits()));
    }

    /** The sub-prefix with number {@code block}. */
    public IpPrefix prefixOf(U128 block) {
        return new IpPrefix(new IpAddress(IpFamily.IPV6, block.shiftLeft(hostBits())), allocationPrefixLength);
    }

    public boolean isAllocatable(IpPrefix prefix) {
        return whyNotAllocatable(prefix).isEmpty();
    }

    /** Why the pool would not hand out {@code prefix}; empty when it would. */
    public Optional<Unallocatable> whyNotAllocatable(IpPrefix prefix) {
        if (prefix.family() != IpFamily.IPV6) {
            return Optional.of(Unallocatable.OTHER_FAMILY);
        }
        Optional<U128> block = blockOf(prefix);
        if (block.isEmpty() || !prefixBlocks.contains(block.get())) {
            return Optional.of(Unallocatable.OUTSIDE_POOL);
        }
        if (!allocatableBlocks.contains(block.get())) {
            return Optional.of(Unallocatable.EXCLUDED);
        }
        return Optional.empty();
    }

    /** Whether {@code address} lies inside one of the pool's prefixes. */
    public boolean covers(IpAddress address) {
        return prefixes.stream().anyMatch(p -> p.contains(address));
    }

    /** Number of sub-prefixes the pool may hand out. */
    public BigInteger total() {
        return allocatableBlocks.size();
    }

    private int hostBits() {
        return IpFamily.IPV6.bits() - allocationPrefixLength;
    }

    /** The numbers of every sub-prefix that overlaps the addresses [first, last]. */
    private Interval blocksCovering(U128 first, U128 last) {
        return new Interval(first.shiftRight(hostBits()), last.shiftRight(hostBits()));
    }
}

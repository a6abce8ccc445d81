package dev.clusteripam.core.alloc;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.ip.IpRange;
import dev.clusteripam.core.ip.U128;
import dev.clusteripam.core.pool.PoolEntry;
import dev.clusteripam.core.pool.PrefixPoolSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simplest correct prefix pool, for checking the real one against: every sub-prefix of the
 * allocation length enumerated into a sorted set unless it touches an exclusion, the next one found
 * by scanning from the start (first fit). Only for small pools. Shares nothing with the allocator
 * under test but the prefix and entry parsers; block arithmetic is BigInteger.
 */
final class ReferencePrefixPool {

    private final TreeSet<IpPrefix> allocatable = new TreeSet<>();
    private final Set<IpPrefix> used = new HashSet<>();

    ReferencePrefixPool(PrefixPoolSpec spec) throws IpFormatException {
        int length = spec.effectiveAllocationPrefixLength();
        List<IpRange> excluded = new ArrayList<>();
        for (String text : spec.excludedPrefixes()) {
            excluded.add(PoolEntry.parse(text).range());
        }
        for (String text : spec.prefixes()) {
            IpPrefix prefix = IpPrefix.parse(text);
            BigInteger count = BigInteger.ONE.shiftLeft(length - prefix.length());
            BigInteger step = BigInteger.ONE.shiftLeft(prefix.family().bits() - length);
            for (BigInteger i = BigInteger.ZERO; i.compareTo(count) < 0; i = i.add(BigInteger.ONE)) {
                U128 start = U128.of(prefix.address().value().toBigInteger().add(i.multiply(step)));
                IpPrefix candidate = new IpPrefix(new IpAddress(prefix.family(), start), length);
                if (excluded.stream().noneMatch(range -> overlaps(range, candidate))) {
                    allocatable.add(candidate);
                }
            }
        }
    }

    static boolean overlaps(IpRange range, IpPrefix prefix) {
        return range.last().compareTo(prefix.firstAddress()) >= 0 && range.first().compareTo(prefix.lastAddress()) <= 0;
    }

    Optional<IpPrefix> allocateNext() {
        Optional<IpPrefix> next = allocatable.stream().filter(p -> !used.contains(p)).findFirst();
        next.ifPresent(used::add);
        return next;
    }

    boolean allocate(IpPrefix prefix) {
        return allocatable.contains(prefix) && used.add(prefix);
    }

    /** Records a prefix as in use whatever it is, as the allocator does for what the cluster already holds. */
    boolean markUsed(IpPrefix prefix) {
        return used.add(prefix);
    }

    boolean release(IpPrefix prefix) {
        return used.remove(prefix);
    }

    boolean isFree(IpPrefix prefix) {
        return allocatable.contains(prefix) && !used.contains(prefix);
    }

    boolean isAllocatable(IpPrefix prefix) {
        return allocatable.contains(prefix);
    }

    /** The prefixes in use that belong to the pool. */
    List<IpPrefix> usedInPool() {
        return used.stream().filter(allocatable::contains).sorted().toList();
    }

    long total() {
        return allocatable.size();
    }

    long used() {
        return used.size();
    }

    long outOfRange() {
        return used.stream().filter(p -> !allocatable.contains(p)).count();
    }
}

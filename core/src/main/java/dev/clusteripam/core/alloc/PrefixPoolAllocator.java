package dev.clusteripam.core.alloc;

import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.ip.U128;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.PrefixPool;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The allocator of a prefix pool: the same {@link FreeSpaceIndex}, over sub-prefix numbers
 * instead of addresses (see {@link PrefixPool}), so that allocations never overlap and the lowest
 * free sub-prefix is found in O(log n).
 */
public final class PrefixPoolAllocator implements Allocator<IpPrefix> {

    private final PrefixPool pool;
    private final FreeSpaceIndex index;
    private final Set<IpPrefix> outOfRange = new HashSet<>();

    public PrefixPoolAllocator(PrefixPool pool) {
        this.pool = pool;
        this.index = new FreeSpaceIndex(pool.allocatableBlocks());
    }

    public static PrefixPoolAllocator of(PrefixPool pool, Collection<IpPrefix> used) {
        PrefixPoolAllocator allocator = new PrefixPoolAllocator(pool);
        used.forEach(allocator::markUsed);
        return allocator;
    }

    public PrefixPool pool() {
        return pool;
    }

    @Override
    public Optional<IpPrefix> allocateNext() {
        return index.takeLowest().map(pool::prefixOf);
    }

    @Override
    public boolean allocate(IpPrefix prefix) {
        return allocatableBlock(prefix).map(index::take).orElse(false);
    }

    @Override
    public boolean markUsed(IpPrefix prefix) {
        Optional<U128> block = allocatableBlock(prefix);
        return block.isPresent() ? index.take(block.get()) : outOfRange.add(prefix);
    }

    @Override
    public boolean release(IpPrefix prefix) {
        Optional<U128> block = allocatableBlock(prefix);
        return block.isPresent() ? index.release(block.get()) : outOfRange.remove(prefix);
    }

    @Override
    public boolean isFree(IpPrefix prefix) {
        return allocatableBlock(prefix).map(index::isFree).orElse(false);
    }

    @Override
    public PoolUsage usage() {
        return PoolUsage.of(index.total(), index.taken() + outOfRange.size(), outOfRange.size());
    }

    /** The free sub-prefixes as runs [first, last] of consecutive sub-prefixes, lowest first. */
    public List<PrefixRun> freeRuns() {
        return index.freeIntervals().stream()
                .map(i -> new PrefixRun(pool.prefixOf(i.first()), pool.prefixOf(i.last()), i.size()))
                .toList();
    }

    /** Consecutive sub-prefixes from {@code first} to {@code last}, {@code count} of them. */
    public record PrefixRun(IpPrefix first, IpPrefix last, java.math.BigInteger count) {
    }

    private Optional<U128> allocatableBlock(IpPrefix prefix) {
        return pool.isAllocatable(prefix) ? pool.blockOf(prefix) : Optional.empty();
    }
}

package dev.clusteripam.core.alloc;

import dev.clusteripam.core.interval.Interval;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpRange;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.PoolUsage;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The allocator of an IP pool: allocatable addresses live in a {@link FreeSpaceIndex}; used
 * addresses the pool would not hand out (left behind by a spec change, or made by hand) are kept
 * apart so they count as used and out of range without touching the index.
 */
public final class AddressPoolAllocator implements Allocator<IpAddress> {

    private final AddressPool pool;
    private final FreeSpaceIndex index;
    private final Set<IpAddress> outOfRange = new HashSet<>();

    public AddressPoolAllocator(AddressPool pool) {
        this.pool = pool;
        this.index = new FreeSpaceIndex(pool.allocatable());
    }

    /** An allocator for {@code pool} that already knows the addresses in use. */
    public static AddressPoolAllocator of(AddressPool pool, Collection<IpAddress> used) {
        AddressPoolAllocator allocator = new AddressPoolAllocator(pool);
        used.forEach(allocator::markUsed);
        return allocator;
    }

    public AddressPool pool() {
        return pool;
    }

    @Override
    public Optional<IpAddress> allocateNext() {
        return index.takeLowest().map(value -> new IpAddress(pool.family(), value));
    }

    @Override
    public boolean allocate(IpAddress address) {
        return pool.isAllocatable(address) && index.take(address.value());
    }

    @Override
    public boolean markUsed(IpAddress address) {
        return pool.isAllocatable(address) ? index.take(address.value()) : outOfRange.add(address);
    }

    @Override
    public boolean release(IpAddress address) {
        return pool.isAllocatable(address) ? index.release(address.value()) : outOfRange.remove(address);
    }

    @Override
    public boolean isFree(IpAddress address) {
        return pool.isAllocatable(address) && index.isFree(address.value());
    }

    @Override
    public PoolUsage usage() {
        return PoolUsage.of(index.total(), index.taken() + outOfRange.size(), outOfRange.size());
    }

    /** The free addresses as ranges, lowest first. */
    public List<IpRange> freeRanges() {
        return index.freeIntervals().stream().map(this::toRange).toList();
    }

    private IpRange toRange(Interval interval) {
        return new IpRange(new IpAddress(pool.family(), interval.first()), new IpAddress(pool.family(), interval.last()));
    }
}

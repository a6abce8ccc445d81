package dev.clusteripam.core.alloc;

import dev.clusteripam.core.interval.Interval;
import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpRange;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressSubnet;
import dev.clusteripam.core.pool.PoolUsage;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The allocator of an IP pool: each subnet's allocatable addresses live in a {@link FreeSpaceIndex}
 * of their own, so that the next address is the lowest free one of the first subnet with room
 * (O(log n) per subnet), whatever the order of the subnets' addresses. Used addresses the pool
 * would not hand out (left behind by a spec change, or made by hand) are kept apart so they count
 * as used and out of range without touching any index.
 */
public final class AddressPoolAllocator implements Allocator<IpAddress> {

    private final AddressPool pool;
    private final List<FreeSpaceIndex> indexes;
    private final Set<IpAddress> outOfRange = new HashSet<>();

    public AddressPoolAllocator(AddressPool pool) {
        this.pool = pool;
        this.indexes = pool.subnets().stream().map(subnet -> new FreeSpaceIndex(subnet.allocatable())).toList();
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
        for (FreeSpaceIndex index : indexes) {
            Optional<IpAddress> lowest = index.takeLowest().map(value -> new IpAddress(pool.family(), value));
            if (lowest.isPresent()) {
                return lowest;
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean allocate(IpAddress address) {
        return indexOf(address).map(index -> index.take(address.value())).orElse(false);
    }

    @Override
    public boolean markUsed(IpAddress address) {
        Optional<FreeSpaceIndex> index = indexOf(address);
        return index.isPresent() ? index.get().take(address.value()) : outOfRange.add(address);
    }

    @Override
    public boolean release(IpAddress address) {
        Optional<FreeSpaceIndex> index = indexOf(address);
        return index.isPresent() ? index.get().release(address.value()) : outOfRange.remove(address);
    }

    @Override
    public boolean isFree(IpAddress address) {
        return indexOf(address).map(index -> index.isFree(address.value())).orElse(false);
    }

    @Override
    public PoolUsage usage() {
        BigInteger total = BigInteger.ZERO;
        long taken = 0;
        for (FreeSpaceIndex index : indexes) {
            total = total.add(index.total());
            taken += index.taken();
        }
        return PoolUsage.of(total, taken + outOfRange.size(), outOfRange.size());
    }

    /** The counts of each subnet, in the order of {@link AddressPool#subnets()}; out-of-range addresses belong to none. */
    public List<PoolUsage> subnetUsages() {
        return indexes.stream().map(index -> PoolUsage.of(index.total(), index.taken(), 0)).toList();
    }

    /** The free addresses of every subnet as ranges, lowest first. */
    public List<IpRange> freeRanges() {
        List<Interval> free = new ArrayList<>();
        indexes.forEach(index -> free.addAll(index.freeIntervals()));
        return AddressPool.toRanges(pool.family(), IntervalSet.of(free));
    }

    /** The free addresses of one subnet as ranges, lowest first. */
    public List<IpRange> freeRanges(AddressSubnet subnet) {
        return freeRanges(indexes.get(subnet.index()));
    }

    private List<IpRange> freeRanges(FreeSpaceIndex index) {
        return index.freeIntervals().stream().map(this::toRange).toList();
    }

    /** The index of the subnet that may hand out {@code address}; empty when none may. */
    private Optional<FreeSpaceIndex> indexOf(IpAddress address) {
        if (address.family() != pool.family()) {
            return Optional.empty();
        }
        for (FreeSpaceIndex index : indexes) {
            if (index.isAllocatable(address.value())) {
                return Optional.of(index);
            }
        }
        return Optional.empty();
    }

    private IpRange toRange(Interval interval) {
        return new IpRange(new IpAddress(pool.family(), interval.first()), new IpAddress(pool.family(), interval.last()));
    }
}

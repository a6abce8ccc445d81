package dev.clusteripam.controller.allocation;

import dev.clusteripam.core.alloc.AddressPoolAllocator;
import dev.clusteripam.core.alloc.Allocator;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.pool.AddressPool;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Optional;

/** IP pools hand out single addresses, each with the pool's prefix length and gateway. */
final class AddressPoolItems implements PoolItems<IpAddress> {

    private final AddressPool pool;

    AddressPoolItems(AddressPool pool) {
        this.pool = pool;
    }

    @Override
    public Allocator<IpAddress> newAllocator() {
        return new AddressPoolAllocator(pool);
    }

    @Override
    public Optional<IpAddress> itemOf(String address, Integer prefix) {
        try {
            return Optional.of(IpAddress.parse(address == null ? "" : address));
        } catch (IpFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public Assignment assignmentOf(IpAddress item) {
        return new Assignment(item.toString(), pool.prefixLength(), pool.gateway().map(IpAddress::toString));
    }

    @Override
    public boolean isAllocatable(IpAddress item) {
        return pool.isAllocatable(item);
    }

    @Override
    public BigInteger total() {
        return pool.total();
    }

    @Override
    public Iterator<IpAddress> inOrder() {
        return new ItemWalk<>(pool.allocatable().intervals(), value -> new IpAddress(pool.family(), value));
    }
}

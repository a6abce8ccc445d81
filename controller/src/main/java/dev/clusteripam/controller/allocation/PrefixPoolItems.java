package dev.clusteripam.controller.allocation;

import dev.clusteripam.controller.ledger.LedgerItem;
import dev.clusteripam.core.alloc.Allocator;
import dev.clusteripam.core.alloc.PrefixPoolAllocator;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.pool.AddressSubnet;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.PrefixPool;
import dev.clusteripam.core.pool.RequestedItem;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Prefix pools hand out sub-prefixes: the IPAddress carries the base address and the length. */
public final class PrefixPoolItems implements PoolItems<IpPrefix> {

    private final PrefixPool pool;
    private final PreAllocations<IpPrefix> kept;

    PrefixPoolItems(PrefixPool pool, PreAllocations<IpPrefix> kept) {
        this.pool = pool;
        this.kept = kept;
    }

    /** The sub-prefix an IPAddress of a prefix pool carries; empty when it does not parse. */
    public static Optional<IpPrefix> parse(String address, Integer prefix) {
        try {
            IpAddress base = IpAddress.parse(address == null ? "" : address);
            int length = prefix == null ? -1 : prefix;
            if (length < 0 || length > base.family().bits()) {
                return Optional.empty();
            }
            return Optional.of(new IpPrefix(base, length));
        } catch (IpFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public PreAllocations<IpPrefix> preAllocations() {
        return kept;
    }

    @Override
    public RequestedItem<IpPrefix> requested(String text) {
        return RequestedItem.of(text, pool);
    }

    @Override
    public Class<IpPrefix> itemType() {
        return IpPrefix.class;
    }

    @Override
    public Allocator<IpPrefix> newAllocator() {
        return new PrefixPoolAllocator(pool);
    }

    @Override
    public Optional<IpPrefix> itemOf(String address, Integer prefix) {
        return parse(address, prefix);
    }

    /** An entry records the sub-prefix's base; its length is the pool's. */
    @Override
    public Optional<IpPrefix> itemOfEntry(String text) {
        return parse(text, pool.allocationPrefixLength());
    }

    @Override
    public Assignment assignmentOf(IpPrefix item) {
        return new Assignment(item.address().toString(), item.length(), pool.gateway().map(IpAddress::toString));
    }

    @Override
    public LedgerItem ledgerItemOf(IpPrefix item) {
        return LedgerItem.of(item);
    }

    @Override
    public boolean isAllocatable(IpPrefix item) {
        return pool.isAllocatable(item);
    }

    @Override
    public BigInteger total() {
        return pool.total();
    }

    @Override
    public List<AddressSubnet> subnets() {
        return List.of();
    }

    @Override
    public OptionalInt subnetOf(IpPrefix item) {
        return OptionalInt.empty();
    }
}

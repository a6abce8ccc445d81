package dev.clusteripam.controller.allocation;

import dev.clusteripam.controller.ledger.LedgerItem;
import dev.clusteripam.core.alloc.Allocator;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressSubnet;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.PrefixPool;
import dev.clusteripam.core.pool.RequestedItem;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one pool hands out, between core's allocator, which hands out typed items (addresses or
 * sub-prefixes), the ledger, which records them, and the IPAddress objects that carry them. An
 * item stays typed from the allocator to the ledger; only an IPAddress read from the server is parsed.
 *
 * @param <T> the item the pool hands out
 */
public interface PoolItems<T> {

    static PoolItems<?> of(AddressPool pool, PreAllocations<IpAddress> kept) {
        return new AddressPoolItems(pool, kept);
    }

    static PoolItems<?> of(PrefixPool pool, PreAllocations<IpPrefix> kept) {
        return new PrefixPoolItems(pool, kept);
    }

    /** The type of item, so that holders carried over from an earlier spec of the pool keep theirs. */
    Class<T> itemType();

    /** A fresh allocator of the pool, with nothing in use. */
    Allocator<T> newAllocator();

    /** The items the pool keeps for named claims ({@code spec.preAllocations}). */
    PreAllocations<T> preAllocations();

    /** What a claim's requested-address (or requested-prefix) annotation asks this pool for. */
    RequestedItem<T> requested(String text);

    /** The item an IPAddress with this address and prefix carries; empty when they do not parse. */
    Optional<T> itemOf(String address, Integer prefix);

    /** The item a ledger entry of this pool records (its text, see {@link LedgerItem}); empty when it does not parse. */
    Optional<T> itemOfEntry(String text);

    /** What an IPAddress holding {@code item} gets. */
    Assignment assignmentOf(T item);

    /** How the ledger records {@code item}. */
    LedgerItem ledgerItemOf(T item);

    boolean isAllocatable(T item);

    /** Number of items the pool may hand out. */
    BigInteger total();

    /** The subnets of an IP pool, in the order they are served; empty for a prefix pool, which has none. */
    List<AddressSubnet> subnets();

    /** The position in {@link #subnets()} of the subnet that hands out {@code item}; empty when none does. */
    OptionalInt subnetOf(T item);
}

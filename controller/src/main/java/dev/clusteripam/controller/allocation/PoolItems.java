package dev.clusteripam.controller.allocation;

import dev.clusteripam.core.alloc.Allocator;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Optional;

/**
 * The small adapter per pool family between core's allocator, which hands out items (addresses
 * or sub-prefixes), and the IPAddress objects that carry them.
 *
 * @param <T> the item the pool hands out
 */
public interface PoolItems<T> {

    /** A fresh allocator of the pool, with nothing in use. */
    Allocator<T> newAllocator();

    /** The item an IPAddress with this address and prefix carries; empty when they do not parse. */
    Optional<T> itemOf(String address, Integer prefix);

    /** What an IPAddress holding {@code item} gets. */
    Assignment assignmentOf(T item);

    boolean isAllocatable(T item);

    /** Number of items the pool may hand out. */
    BigInteger total();

    /** Every item the pool may hand out, lowest first, computed as the walk goes (a pool may hold 2^64 of them). */
    Iterator<T> inOrder();
}

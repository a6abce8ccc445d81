package dev.clusteripam.core.alloc;

import dev.clusteripam.core.pool.PoolUsage;
import java.util.Optional;

/**
 * Hands out the items of one pool (addresses, or sub-prefixes) and keeps track of which are in
 * use. Modelled on Kubernetes' service IP allocator: a small interface, the arithmetic kept apart
 * from storage, testable without a cluster. Implementations are not thread-safe.
 *
 * @param <T> what the pool hands out
 */
public interface Allocator<T> {

    /** Takes the lowest free item, or returns empty when the pool is full. */
    Optional<T> allocateNext();

    /** Takes {@code item}; false when the pool would not hand it out or it is in use. */
    boolean allocate(T item);

    /**
     * Records an existing allocation, also one the pool would not hand out now (it then counts as
     * out of range). False when {@code item} was in use already.
     */
    boolean markUsed(T item);

    /** Gives {@code item} back; false when it was not in use. */
    boolean release(T item);

    /** Whether {@link #allocate} would take {@code item} now. */
    boolean isFree(T item);

    /** The counts for the pool's {@code status.ipAddresses}. */
    PoolUsage usage();
}

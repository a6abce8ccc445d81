package dev.clusteripam.controller.allocation;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.core.alloc.Allocator;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a pool's next item is found. Production uses {@link #INDEX}; the end-to-end benchmark
 * compares it with upstream's way ({@code dev.clusteripam.controller.upstreamscan}), reached only
 * by the hidden {@code run --allocation-mode=upstream-scan}. Both hand out the lowest free item.
 */
public interface AllocationStrategy {

    /**
     * Takes the lowest free item of the pool in {@code allocator} and returns it; empty when the pool
     * is full.
     *
     * @param addressesOfPool the pool's IPAddresses from the informer cache, listed only by
     *     strategies that need them
     */
    <T> Optional<T> takeNext(PoolItems<T> items, Allocator<T> allocator, Supplier<Collection<IPAddress>> addressesOfPool);

    /** Ours: the free-space index answers in O(log n) and lists nothing. */
    AllocationStrategy INDEX = new AllocationStrategy() {
        @Override
        public <T> Optional<T> takeNext(PoolItems<T> items, Allocator<T> allocator, Supplier<Collection<IPAddress>> addressesOfPool) {
            return allocator.allocateNext();
        }

        @Override
        public String toString() {
            return "index";
        }
    };
}

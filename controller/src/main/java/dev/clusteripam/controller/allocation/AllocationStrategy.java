package dev.clusteripam.controller.allocation;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.core.alloc.Allocator;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How a pool's next item is found. Both strategies hand out the same item for the same pool state
 * (the lowest free one); they differ only in what that costs, which is what the end-to-end
 * benchmark compares. Everything around the choice (ledger commit, IPAddress, status) is shared.
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

    /**
     * The upstream Go provider's way, for comparison only: per claim, list the pool's IPAddresses
     * from the cache, build the set in use from them and walk the pool from its first item to the
     * first one not in the set: O(addresses in use) per allocation. The allocator is still asked
     * whether a candidate is free, because it also holds items committed but not yet in the cache
     * (upstream waits for its cache after each write instead) and items set aside for other writers.
     */
    AllocationStrategy UPSTREAM_SCAN = new AllocationStrategy() {
        @Override
        public <T> Optional<T> takeNext(PoolItems<T> items, Allocator<T> allocator, Supplier<Collection<IPAddress>> addressesOfPool) {
            Set<T> inUse = new HashSet<>();
            for (IPAddress address : addressesOfPool.get()) {
                items.itemOf(address.getSpec().getAddress(), address.getSpec().getPrefix()).ifPresent(inUse::add);
            }
            for (Iterator<T> candidates = items.inOrder(); candidates.hasNext(); ) {
                T candidate = candidates.next();
                if (!inUse.contains(candidate) && allocator.allocate(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "upstream-scan";
        }
    };
}

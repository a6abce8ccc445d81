package dev.clusteripam.controller.upstreamscan;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.controller.allocation.AllocationStrategy;
import dev.clusteripam.controller.allocation.PoolItems;
import dev.clusteripam.core.alloc.Allocator;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Benchmark only, never in production: the upstream Go provider's way of finding the next item, so
 * that the end-to-end benchmark measures both in the same run (reached only by the hidden
 * {@code run --allocation-mode=upstream-scan}). Per claim, it lists the pool's IPAddresses from the
 * cache and builds the set in use from them, O(addresses in use) per allocation as upstream, then
 * takes the lowest item outside that set. The provider's own allocator is still asked whether a
 * candidate is free, because it also holds items committed but not yet in the cache (upstream
 * waits for its cache after each write instead) and items set aside for other writers.
 */
public final class UpstreamScan implements AllocationStrategy {

    public static final AllocationStrategy STRATEGY = new UpstreamScan();

    private UpstreamScan() {
    }

    @Override
    public <T> Optional<T> takeNext(PoolItems<T> items, Allocator<T> allocator, Supplier<Collection<IPAddress>> addressesOfPool) {
        Allocator<T> inUse = items.newAllocator();
        for (IPAddress address : addressesOfPool.get()) {
            items.itemOf(address.getSpec().getAddress(), address.getSpec().getPrefix()).ifPresent(inUse::markUsed);
        }
        for (Optional<T> candidate = inUse.allocateNext(); candidate.isPresent(); candidate = inUse.allocateNext()) {
            if (allocator.allocate(candidate.get())) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "upstream-scan";
    }
}

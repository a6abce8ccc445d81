package dev.clusteripam.controller.allocation;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.v1alpha2.IPPool;
import dev.clusteripam.api.ipam.v1alpha2.PrefixPool;
import dev.clusteripam.controller.address.IPAddressCache;
import dev.clusteripam.controller.pool.PoolKey;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolValidator;
import dev.clusteripam.core.pool.PrefixPoolValidator;
import dev.clusteripam.core.pool.Validation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every pool's holdings, in memory. A pool's holdings are built once from the IPAddresses that name
 * it (found through the informer's index, not by listing), then kept in step with IPAddress events
 * and with our own allocations; they are rebuilt, carrying every holder over, when the pool's spec
 * changes. So choosing an address never lists anything: O(log n) in core's free-space index.
 */
public final class PoolAllocations implements IPAddressCache.Listener {

    private final Function<PoolKey, Collection<IPAddress>> addressesOfPool;
    private final AllocationStrategy strategy;
    private final Map<PoolKey, Built> pools = new ConcurrentHashMap<>();

    /** Holdings built for one generation (spec version) of a pool. */
    private record Built(long generation, PoolHoldings<?> holdings) {
    }

    /**
     * @param addressesOfPool the IPAddresses that name a pool, from the informer cache
     * @param strategy how the next free item is found: {@link AllocationStrategy#INDEX}, or upstream's scan to compare with
     */
    public PoolAllocations(Function<PoolKey, Collection<IPAddress>> addressesOfPool, AllocationStrategy strategy) {
        this.addressesOfPool = addressesOfPool;
        this.strategy = strategy;
    }

    /** The pool as it is now: invalid with its errors, or usable with holdings for its current spec. */
    public ResolvedPool resolve(PoolKey key, HasMetadata pool) {
        Validation<? extends PoolItems<?>> validation = itemsOf(pool);
        if (!validation.isValid()) {
            pools.remove(key);
            return ResolvedPool.invalid(validation.errors());
        }
        long generation = Optional.ofNullable(pool.getMetadata().getGeneration()).orElse(0L);
        Built built = pools.compute(key, (k, previous) -> {
            if (previous != null && previous.generation() == generation) {
                return previous;
            }
            PoolHoldings<?> holdings = new PoolHoldings<>(validation.model().orElseThrow(), strategy,
                    () -> addressesOfPool.apply(key));
            if (previous == null) {
                addressesOfPool.apply(key).forEach(address -> holdings.hold(Holder.of(address),
                        address.getSpec().getAddress(), address.getSpec().getPrefix()));
            } else {
                previous.holdings().snapshot().forEach((holder, held) -> holdings.hold(holder, held.address(), held.prefix()));
            }
            return new Built(generation, holdings);
        });
        return ResolvedPool.usable(built.holdings());
    }

    /** An IPAddress appeared or changed: its pool's holdings record it, when they are built. */
    @Override
    public void added(IPAddress address) {
        IPAddressCache.poolOf(address).map(pools::get).ifPresent(built ->
                built.holdings().hold(Holder.of(address), address.getSpec().getAddress(), address.getSpec().getPrefix()));
    }

    /** An IPAddress is gone: its item is free again once nobody else holds it. */
    @Override
    public void deleted(IPAddress address) {
        IPAddressCache.poolOf(address).map(pools::get).ifPresent(built -> built.holdings().drop(Holder.of(address)));
    }

    /** What {@code holder} holds in the pool's holdings, if they are built and it holds anything. */
    public Optional<Assignment> heldBy(PoolKey key, Holder holder) {
        Built built = pools.get(key);
        return built == null ? Optional.empty() : built.holdings().heldBy(holder);
    }

    /** A claim is gone before its IPAddress was made: what it held is free again. */
    public void release(PoolKey key, Holder holder) {
        Built built = pools.get(key);
        if (built != null) {
            built.holdings().drop(holder);
        }
    }

    /** The pool is gone; a pool of the same name later starts afresh from its IPAddresses. */
    public void forget(PoolKey key) {
        pools.remove(key);
    }

    private static Validation<? extends PoolItems<?>> itemsOf(HasMetadata pool) {
        if (pool instanceof IPPool ipPool) {
            Validation<AddressPool> validation = AddressPoolValidator.validate(
                    Objects.requireNonNull(ipPool.getSpec(), "spec").toAddressPoolSpec());
            return validation.isValid()
                    ? Validation.valid(new AddressPoolItems(validation.model().orElseThrow()), validation.warnings())
                    : Validation.invalid(validation.errors(), validation.warnings());
        }
        if (pool instanceof PrefixPool prefixPool) {
            Validation<dev.clusteripam.core.pool.PrefixPool> validation = PrefixPoolValidator.validate(
                    Objects.requireNonNull(prefixPool.getSpec(), "spec").toPrefixPoolSpec());
            return validation.isValid()
                    ? Validation.valid(new PrefixPoolItems(validation.model().orElseThrow()), validation.warnings())
                    : Validation.invalid(validation.errors(), validation.warnings());
        }
        throw new IllegalArgumentException("not one of our pools: " + pool.getKind());
    }
}

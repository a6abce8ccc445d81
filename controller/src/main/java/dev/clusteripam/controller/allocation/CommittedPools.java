package dev.clusteripam.controller.allocation;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.controller.address.IPAddressCache;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.ledger.Ledger;
import dev.clusteripam.controller.ledger.LedgerItem;
import dev.clusteripam.core.pool.FieldError;
import dev.clusteripam.core.pool.Validation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every pool's {@link CommittedPool}, in memory. A pool's holdings are built once from the
 * IPAddresses that name it (found through the informer's index, not by listing) and its ledger
 * entries without an IPAddress yet (a crash between commit and create), then kept in step
 * with IPAddress events and with our own allocations; they are rebuilt, carrying every holder over,
 * when the pool's spec changes. So choosing an address never lists anything: O(log n) in core's
 * free-space index.
 */
public final class CommittedPools implements IPAddressCache.Listener {

    private final Ledger ledger;
    private final Function<PoolIdentity, Collection<IPAddress>> addressesOfPool;
    private final AllocationStrategy strategy;
    private final Function<HasMetadata, Optional<FieldError>> unreadable;
    private final Map<PoolIdentity, Built> pools = new ConcurrentHashMap<>();

    /** A pool built for one generation (spec version). */
    private record Built(long generation, CommittedPool<?> pool) {
    }

    /**
     * @param addressesOfPool the IPAddresses that name a pool, from the informer cache
     * @param strategy how the next free item is found: {@link AllocationStrategy#INDEX}, or upstream's scan to compare with
     * @param unreadable why a pool object could not be read whole, if it could not: such a pool is invalid
     */
    public CommittedPools(Ledger ledger, Function<PoolIdentity, Collection<IPAddress>> addressesOfPool, AllocationStrategy strategy,
            Function<HasMetadata, Optional<FieldError>> unreadable) {
        this.ledger = ledger;
        this.addressesOfPool = addressesOfPool;
        this.strategy = strategy;
        this.unreadable = unreadable;
    }

    /** The pool as it is now, given what its spec hands out: invalid with its errors, or usable for its current spec. */
    public ResolvedPool resolve(PoolIdentity identity, HasMetadata pool, Validation<? extends PoolItems<?>> items) {
        // A field the model could not hold was left out of the spec: serving the rest would ignore it.
        Optional<FieldError> unread = unreadable.apply(pool);
        if (unread.isPresent() || !items.isValid()) {
            pools.remove(identity);
            return ResolvedPool.invalid(unread.map(List::of).orElseGet(items::errors));
        }
        long generation = Optional.ofNullable(pool.getMetadata().getGeneration()).orElse(0L);
        Built built = pools.compute(identity, (key, previous) -> {
            if (previous != null && previous.generation() == generation) {
                return previous;
            }
            CommittedPool<?> fresh = build(identity, items.model().orElseThrow());
            if (previous == null) {
                addressesOfPool.apply(identity).forEach(fresh::adopt);
                ledger.entriesOf(identity).forEach(fresh::resume);
            } else {
                fresh.carryOver(previous.pool());
            }
            return new Built(generation, fresh);
        });
        return ResolvedPool.usable(built.pool());
    }

    private <T> CommittedPool<T> build(PoolIdentity identity, PoolItems<T> items) {
        return new CommittedPool<>(identity, items, new PoolHoldings<>(items, strategy, () -> addressesOfPool.apply(identity)), ledger);
    }

    /**
     * Gives back {@code holder}'s entry (for {@code item}, or for what it holds here) and frees it
     * here: through the pool's {@link CommittedPool#release} when it is built, straight to the
     * ledger when it is not (an invalid pool, or one gone).
     */
    public void release(PoolIdentity pool, Holder holder, Optional<LedgerItem> item) {
        Built built = pools.get(pool);
        if (built != null) {
            built.pool().release(holder, item);
        } else {
            item.ifPresent(held -> ledger.giveBack(Ledger.Entry.of(pool, held, holder)));
        }
    }

    /** The sweep gave back a stale entry: what it recorded is no longer held here either. */
    public void forgetEntry(Ledger.Entry entry) {
        Optional.ofNullable(pools.get(entry.pool())).ifPresent(built -> built.pool().forgetEntry(entry));
    }

    /** The pool is gone; a pool of the same name later starts afresh from its IPAddresses and ledger entries. */
    public void forget(PoolIdentity pool) {
        pools.remove(pool);
    }

    /** An IPAddress appeared or changed: its pool's holdings record it, when they are built. */
    @Override
    public void added(IPAddress address) {
        PoolIdentity.namedBy(address).ifPresent(pool -> whenBuilt(pool, built -> built.adopt(address)));
    }

    /** An IPAddress is gone: its item is free again once nobody else holds it. */
    @Override
    public void deleted(IPAddress address) {
        PoolIdentity.namedBy(address).ifPresent(pool -> whenBuilt(pool, built -> built.forget(Holder.of(address))));
    }

    /**
     * Applies an IPAddress event to the pool's holdings when they are built. {@code computeIfPresent}
     * waits for a build of the same pool in progress in {@link #resolve}: an event that came after
     * the build read the cache, but before its result was in the map, would otherwise be lost (a
     * reservation made as the pool is first built would then be handed out).
     */
    private void whenBuilt(PoolIdentity pool, Consumer<CommittedPool<?>> change) {
        pools.computeIfPresent(pool, (key, built) -> {
            change.accept(built.pool());
            return built;
        });
    }
}

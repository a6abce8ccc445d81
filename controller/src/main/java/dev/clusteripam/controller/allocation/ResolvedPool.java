package dev.clusteripam.controller.allocation;

import dev.clusteripam.core.pool.FieldError;
import dev.clusteripam.core.pool.PoolUsage;
import java.util.List;
import java.util.Optional;

/**
 * A pool as the reconcilers see it: usable (with its holdings) or invalid (with every error of
 * its spec, as the webhook would have reported them).
 */
public final class ResolvedPool {

    private final Optional<PoolHoldings<?>> holdings;
    private final List<FieldError> errors;

    private ResolvedPool(Optional<PoolHoldings<?>> holdings, List<FieldError> errors) {
        this.holdings = holdings;
        this.errors = List.copyOf(errors);
    }

    static ResolvedPool usable(PoolHoldings<?> holdings) {
        return new ResolvedPool(Optional.of(holdings), List.of());
    }

    static ResolvedPool invalid(List<FieldError> errors) {
        return new ResolvedPool(Optional.empty(), errors);
    }

    public boolean isUsable() {
        return holdings.isPresent();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** What {@code holder} holds already, or the lowest free item, now held by it; empty when full. */
    public Optional<Assignment> allocateFor(Holder holder) {
        return usableHoldings().allocateFor(holder);
    }

    /** Records an existing IPAddress of the pool (adoption). */
    public void hold(Holder holder, String address, Integer prefix) {
        usableHoldings().hold(holder, address, prefix);
    }

    /** Sets aside an item another writer holds, for the next choice (see {@link PoolHoldings#setAside}). */
    public void setAside(String address, Integer prefix) {
        usableHoldings().setAside(address, prefix);
    }

    /** Undoes {@link #setAside}. */
    public void putBack(String address, Integer prefix) {
        usableHoldings().putBack(address, prefix);
    }

    /** Gives back what {@code holder} held. */
    public void drop(Holder holder) {
        usableHoldings().drop(holder);
    }

    public PoolUsage usage() {
        return usableHoldings().usage();
    }

    private PoolHoldings<?> usableHoldings() {
        return holdings.orElseThrow(() -> new IllegalStateException("the pool is invalid: " + errors));
    }
}

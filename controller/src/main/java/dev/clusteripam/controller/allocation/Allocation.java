package dev.clusteripam.controller.allocation;

import java.util.Optional;

/**
 * What {@link CommittedPool#allocateFor} found: an item committed to the ledger for the holder, or
 * none, either because the pool is full or because only items other writers hold in flight are left.
 */
public record Allocation(Optional<Assignment> assignment, boolean contended) {

    static Allocation committed(Assignment assignment) {
        return new Allocation(Optional.of(assignment), false);
    }

    static Allocation none(boolean contended) {
        return new Allocation(Optional.empty(), contended);
    }
}

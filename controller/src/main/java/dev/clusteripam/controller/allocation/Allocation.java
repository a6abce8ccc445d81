package dev.clusteripam.controller.allocation;

import dev.clusteripam.controller.ledger.LedgerItem;
import java.util.Optional;

/**
 * What {@link CommittedPool#allocateFor} found: an item committed to the ledger for the holder, or
 * none, either because the pool is full or because only items other writers hold in flight are left.
 *
 * @param committed the ledger item of the commit: what to give back, exactly, should its IPAddress not be made
 */
public record Allocation(Optional<Assignment> assignment, Optional<LedgerItem> committed, boolean contended) {

    static Allocation committed(Assignment assignment, LedgerItem item) {
        return new Allocation(Optional.of(assignment), Optional.of(item), false);
    }

    static Allocation none(boolean contended) {
        return new Allocation(Optional.empty(), Optional.empty(), contended);
    }
}

package dev.clusteripam.controller.allocation;

import dev.clusteripam.controller.ledger.LedgerItem;
import java.util.Optional;

/**
 * What {@link CommittedPool#allocateFor} found: an item committed to the ledger for the holder, or
 * none, either because the pool is full, because only items other writers hold in flight are left,
 * or because the item the claim asks for (or the one kept for it) cannot be its now.
 *
 * @param committed the ledger item of the commit: what to give back, exactly, should its IPAddress not be made
 * @param contended whether another writer holds what is left (or what the claim asks for) in flight: look again soon
 * @param refusal why the claim cannot have the item it asks for, or the one kept for it
 */
public record Allocation(Optional<Assignment> assignment, Optional<LedgerItem> committed, boolean contended,
        Optional<String> refusal) {

    static Allocation committed(Assignment assignment, LedgerItem item) {
        return new Allocation(Optional.of(assignment), Optional.of(item), false, Optional.empty());
    }

    static Allocation none(boolean contended) {
        return new Allocation(Optional.empty(), Optional.empty(), contended, Optional.empty());
    }

    static Allocation refused(String why, boolean contended) {
        return new Allocation(Optional.empty(), Optional.empty(), contended, Optional.of(why));
    }
}

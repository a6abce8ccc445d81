package dev.clusteripam.controller.allocation;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.ledger.Ledger;
import dev.clusteripam.controller.ledger.LedgerItem;
import dev.clusteripam.core.pool.PoolUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pool's allocator with the ledger behind it, as Kubernetes' service IP allocator puts storage
 * behind its {@code Interface}: the next address is chosen here. {@link #allocateFor} picks the
 * lowest free item (core), commits it to the ledger for the holder and, when the ledger shows it
 * held by another writer, sets it aside and picks again; {@link #release} is the one way back
 * (ledger entry given back, then the item freed in memory).
 */
public final class CommittedPool<T> {

    private static final Logger LOG = LoggerFactory.getLogger(CommittedPool.class);

    private final PoolIdentity pool;
    private final PoolItems<T> items;
    private final PoolHoldings<T> holdings;
    private final Ledger ledger;

    CommittedPool(PoolIdentity pool, PoolItems<T> items, PoolHoldings<T> holdings, Ledger ledger) {
        this.pool = pool;
        this.items = items;
        this.holdings = holdings;
        this.ledger = ledger;
    }

    /**
     * What {@code holder} holds already, or the lowest free item, committed to the ledger for it.
     * Items the ledger shows held by others (committed by another writer but not yet in our cache,
     * or still being released) are skipped for this choice only: not ours to hand out now, nor lost
     * for later. So are items another overlapping pool's claim holds (exclusive mode); when only
     * those are left the pool is exhausted for this claim, not contended.
     */
    public Allocation allocateFor(Holder holder) {
        List<T> setAside = new ArrayList<>();
        boolean inFlight = false;
        try {
            while (true) {
                Optional<T> candidate = holdings.allocateFor(holder);
                if (candidate.isEmpty()) {
                    return Allocation.none(inFlight);
                }
                Ledger.Outcome outcome = ledger.take(entryOf(holder, candidate.get()));
                if (outcome instanceof Ledger.HeldBy || outcome instanceof Ledger.HeldByAnotherPool) {
                    // Held by another writer of this pool: in flight, look again soon. Held by another pool's claim
                    // (exclusive mode): not ours until released, which wakes the claims waiting for room here.
                    inFlight |= outcome instanceof Ledger.HeldBy;
                    LOG.debug("held elsewhere: pool={} item={} outcome={}", pool, candidate.get(), outcome);
                    holdings.drop(holder);
                    holdings.setAside(candidate.get());
                    setAside.add(candidate.get());
                    continue;
                }
                return Allocation.committed(items.assignmentOf(candidate.get()), items.ledgerItemOf(candidate.get()));
            }
        } finally {
            setAside.forEach(holdings::putBack);
        }
    }

    /** Records an existing IPAddress of the pool as its holder's (idempotent); one that does not parse is ignored. */
    public void adopt(IPAddress address) {
        items.itemOf(address.getSpec().getAddress(), address.getSpec().getPrefix())
                .ifPresent(item -> holdings.hold(Holder.of(address), item));
    }

    /**
     * Takes up a ledger entry found at start: a holder that holds nothing here (no IPAddress yet: a
     * crash between the commit and the create) holds the entry's item again, so that its claim
     * makes its IPAddress with that item instead of committing another (docs/design.md, point 3).
     * Entries of holders with an IPAddress, and items an IPAddress holds, are left to the sweep.
     */
    void resume(Ledger.Entry entry) {
        if (holdings.heldBy(entry.holder()).isEmpty()) {
            items.itemOfEntry(entry.item()).filter(item -> !holdings.isHeld(item))
                    .ifPresent(item -> holdings.hold(entry.holder(), item));
        }
    }

    /** A stale entry was given back by the sweep: its holder no longer holds the item here either. */
    void forgetEntry(Ledger.Entry entry) {
        holdings.heldBy(entry.holder()).filter(item -> items.ledgerItemOf(item).text().equals(entry.item()))
                .ifPresent(item -> holdings.drop(entry.holder()));
    }

    /**
     * The one way back: gives back {@code holder}'s ledger entry for {@code item} (or, when none is
     * named, for what it holds here), then frees that item here. After a failed create, a deleted
     * IPAddress or a claim gone before its IPAddress was made.
     */
    public void release(Holder holder, Optional<LedgerItem> item) {
        item.or(() -> holdings.heldBy(holder).map(items::ledgerItemOf))
                .ifPresent(held -> ledger.giveBack(Ledger.Entry.of(pool, held, holder)));
        holdings.drop(holder);
    }

    /** The pool's status counts. */
    public PoolUsage usage() {
        return holdings.usage();
    }

    /** The counts of each subnet of an IP pool, in the order served; empty for a prefix pool. */
    public List<SubnetUsage> subnetUsages() {
        return holdings.subnetUsages();
    }

    /** Forgets what {@code holder} held, without touching the ledger: its IPAddress is gone and released already. */
    void forget(Holder holder) {
        holdings.drop(holder);
    }

    /** Takes over the holders of the pool's previous spec, including commits whose IPAddress is not made yet. */
    void carryOver(CommittedPool<?> previous) {
        previous.holders().forEach((holder, item) -> Optional.of(item).filter(items.itemType()::isInstance)
                .map(items.itemType()::cast).ifPresent(typed -> holdings.hold(holder, typed)));
    }

    private Map<Holder, T> holders() {
        return holdings.snapshot();
    }

    private Ledger.Entry entryOf(Holder holder, T item) {
        return Ledger.Entry.of(pool, items.ledgerItemOf(item), holder);
    }
}

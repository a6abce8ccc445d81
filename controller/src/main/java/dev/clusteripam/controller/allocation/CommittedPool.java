package dev.clusteripam.controller.allocation;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.RequestedItemAnnotations;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.ledger.Ledger;
import dev.clusteripam.controller.ledger.LedgerItem;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.Choice;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.Full;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.InUse;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.KeptForAnother;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.Taken;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.Unfit;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.RequestedItem;
import dev.clusteripam.core.text.Excerpt;
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
     * What {@code holder} holds already, or the item core chooses for it (the one kept for its name,
     * the one it asks for, or the lowest free one), committed to the ledger for it. When it chose the
     * lowest free item, items the ledger shows held by others (committed by another writer but not
     * yet in our cache, or still being released) are skipped for this choice only: not ours to hand
     * out now, nor lost for later. So are items another overlapping pool's claim holds (exclusive
     * mode); when only those are left the pool is exhausted for this claim, not contended. An item
     * the claim asks for, or that is kept for it, is never replaced by another: when it is not free,
     * or the ledger shows it held by another writer, the claim is refused and waits for it.
     *
     * @param requested what the claim's requested-address (or requested-prefix) annotation says
     */
    public Allocation allocateFor(Holder holder, Optional<String> requested) {
        Optional<RequestedItem<T>> request = requested.map(items::requested);
        boolean specific = request.isPresent() || items.preAllocations().itemFor(holder.name()).isPresent();
        List<T> setAside = new ArrayList<>();
        boolean inFlight = false;
        try {
            while (true) {
                Choice<T> choice = holdings.allocateFor(holder, request);
                if (!(choice instanceof Taken<T> taken)) {
                    return choice instanceof Full<T> ? Allocation.none(inFlight) : refusal(choice);
                }
                T candidate = taken.item();
                Ledger.Outcome outcome = ledger.take(entryOf(holder, candidate));
                if (outcome instanceof Ledger.HeldBy || outcome instanceof Ledger.HeldByAnotherPool) {
                    // Held by another writer of this pool: in flight, look again soon. Held by another pool's claim
                    // (exclusive mode): not ours until released, which wakes the claims waiting for room here.
                    LOG.debug("held elsewhere: pool={} item={} outcome={}", pool, candidate, outcome);
                    holdings.drop(holder);
                    if (specific) {
                        return ledgerRefusal(candidate, taken.kept(), outcome);
                    }
                    inFlight |= outcome instanceof Ledger.HeldBy;
                    holdings.setAside(candidate);
                    setAside.add(candidate);
                    continue;
                }
                return Allocation.committed(items.assignmentOf(candidate), items.ledgerItemOf(candidate));
            }
        } finally {
            setAside.forEach(holdings::putBack);
        }
    }

    /** Why the claim cannot have the item it asks for, or the one kept for it, as its condition says it. */
    private Allocation refusal(Choice<T> choice) {
        String annotation = RequestedItemAnnotations.of(pool.kind());
        return switch (choice) {
            case Unfit<T> unfit -> Allocation.refused(annotation + " " + unfit.requested().describe() + " (" + pool + ")", false);
            case KeptForAnother<T> kept -> Allocation.refused(annotation + " " + kept.item() + " is kept for claim \"" + kept.claim()
                    + "\" by spec.preAllocations of " + pool, false);
            case InUse<T> inUse -> {
                String what = inUse.kept() ? inUse.item() + ", kept for this claim by spec.preAllocations of " + pool + ","
                        : annotation + " " + inUse.item() + " (" + pool + ")";
                Optional<Holder> holder = holdings.holderOf(inUse.item());
                // Not held by a claim of ours: set aside for another writer's commit in flight; look again soon.
                yield holder.map(h -> Allocation.refused(what + " is held by claim " + h + "; waiting for its release", false))
                        .orElseGet(() -> Allocation.refused(what + " is being committed for another claim; looking again shortly", true));
            }
            case Taken<T> taken -> throw new IllegalArgumentException("not a refusal: " + taken);
            case Full<T> full -> throw new IllegalArgumentException("not a refusal: " + full);
        };
    }

    /** The ledger shows the item the claim asks for (or the one kept for it) held by another holder. */
    private Allocation ledgerRefusal(T item, boolean kept, Ledger.Outcome outcome) {
        String what = kept ? item + ", kept for this claim by spec.preAllocations of " + pool + ","
                : RequestedItemAnnotations.of(pool.kind()) + " " + item + " (" + pool + ")";
        return switch (outcome) {
            case Ledger.HeldBy heldBy -> Allocation.refused(what + " is held by claim " + heldBy.holder()
                    + " (being committed or released); looking again shortly", true);
            case Ledger.HeldByAnotherPool other -> Allocation.refused(what + " is held by claim " + other.holder()
                    + " of another pool that shares it (--overlapping-pools=exclusive); waiting for its release", false);
            case Ledger.Committed committed -> throw new IllegalArgumentException("not a refusal: " + committed);
        };
    }

    /**
     * What a Ready claim's condition adds when the item it holds is not the one its annotation asks
     * for: a pre-allocation won, or the claim keeps what it held before the annotation changed.
     */
    public Optional<String> requestNote(Holder holder, Optional<String> requested, IPAddress held) {
        Optional<T> asked = requested.flatMap(text -> items.requested(text).item());
        Optional<T> holds = items.itemOf(held.getSpec().getAddress(), held.getSpec().getPrefix());
        if (requested.isEmpty() || holds.isEmpty() || asked.equals(holds)) {
            return Optional.empty();
        }
        String annotation = RequestedItemAnnotations.of(pool.kind()) + " \"" + Excerpt.of(requested.get()) + "\"";
        return Optional.of(holdings.isKeptFor(holder, holds.get())
                ? "kept for it by spec.preAllocations, which wins over its " + annotation
                : "its " + annotation + " is not served: a claim keeps the address it holds");
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

package dev.clusteripam.controller.allocation;

import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.ledger.Ledger;
import dev.clusteripam.controller.ledger.LedgerItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger in memory, answering as the API server's would, plus what other writers do on demand:
 * an item committed by another writer that our holdings do not know (a block we read stale, an
 * allocation in flight elsewhere), and a write refused until the retries run out (409 after 409).
 */
final class FakeLedger implements Ledger {

    private record Key(PoolIdentity pool, String item) {
    }

    private final Map<Key, Entry> holders = new HashMap<>();
    private final List<String> takes = new ArrayList<>();
    private RuntimeException refusal;
    private int acceptedBeforeRefusal;

    /** Another writer (or this one before a crash) commits {@code item} for {@code holder}, unseen by our holdings. */
    void heldByAnotherWriter(PoolIdentity pool, LedgerItem item, Holder holder) {
        Entry entry = Entry.of(pool, item, holder);
        holders.put(new Key(pool, entry.item()), entry);
    }

    /**
     * After {@code accepted} more takes, every write is refused with {@code e} until {@link
     * #acceptWrites()}, as the ledger refuses after its last retry of a 409.
     */
    void refuseWritesAfter(int accepted, RuntimeException e) {
        acceptedBeforeRefusal = accepted;
        refusal = e;
    }

    void acceptWrites() {
        refusal = null;
    }

    /** The items asked for, in order, whatever the answer. */
    List<String> takes() {
        return takes;
    }

    /** Who holds each item of {@code pool}. */
    Map<String, Holder> holdersOf(PoolIdentity pool) {
        Map<String, Holder> byItem = new HashMap<>();
        entriesOf(pool).forEach(entry -> byItem.put(entry.item(), entry.holder()));
        return byItem;
    }

    @Override
    public Outcome take(Entry entry) {
        takes.add(entry.item());
        if (refusal != null && acceptedBeforeRefusal-- <= 0) {
            throw refusal;
        }
        Entry existing = holders.putIfAbsent(new Key(entry.pool(), entry.item()), entry);
        return existing == null || existing.holder().equals(entry.holder()) ? new Committed() : new HeldBy(existing.holder());
    }

    @Override
    public void giveBack(Entry entry) {
        if (refusal != null && acceptedBeforeRefusal <= 0) {
            throw refusal;
        }
        holders.computeIfPresent(new Key(entry.pool(), entry.item()), (key, held) -> held.holder().equals(entry.holder()) ? null : held);
    }

    @Override
    public List<Entry> entries() {
        throw new UnsupportedOperationException("the commit loop never lists the ledger");
    }

    @Override
    public List<Entry> entriesOf(PoolIdentity pool) {
        return holders.values().stream().filter(entry -> entry.pool().equals(pool)).toList();
    }

    @Override
    public void forget(PoolIdentity pool) {
        holders.keySet().removeIf(key -> key.pool().equals(pool));
    }
}

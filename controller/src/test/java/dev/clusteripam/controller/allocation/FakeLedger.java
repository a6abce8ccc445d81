package dev.clusteripam.controller.allocation;

import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.ledger.Ledger;
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

    private final Map<Key, Holder> holders = new HashMap<>();
    private final List<String> takes = new ArrayList<>();
    private RuntimeException refusal;
    private int acceptedBeforeRefusal;

    /** Another writer commits {@code item} for {@code holder}, unseen by our holdings. */
    void heldByAnotherWriter(PoolIdentity pool, String item, Holder holder) {
        holders.put(new Key(pool, item), holder);
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
    Map<String, Holder> entriesOf(PoolIdentity pool) {
        Map<String, Holder> entries = new HashMap<>();
        holders.forEach((key, holder) -> {
            if (key.pool().equals(pool)) {
                entries.put(key.item(), holder);
            }
        });
        return entries;
    }

    @Override
    public Outcome take(Entry entry) {
        takes.add(entry.item());
        if (refusal != null && acceptedBeforeRefusal-- <= 0) {
            throw refusal;
        }
        Holder existing = holders.putIfAbsent(new Key(entry.pool(), entry.item()), entry.holder());
        return existing == null || existing.equals(entry.holder()) ? new Committed() : new HeldBy(existing);
    }

    @Override
    public void giveBack(Entry entry) {
        if (refusal != null && acceptedBeforeRefusal <= 0) {
            throw refusal;
        }
        holders.remove(new Key(entry.pool(), entry.item()), entry.holder());
    }

    @Override
    public List<Entry> entries() {
        throw new UnsupportedOperationException("the commit loop never lists the ledger");
    }

    @Override
    public void forget(PoolIdentity pool) {
        holders.keySet().removeIf(key -> key.pool().equals(pool));
    }
}

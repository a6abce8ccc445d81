package dev.clusteripam.controller.ledger;

import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.core.ip.U128;
import java.util.List;

/**
 * Which holder holds which item of which pool, as every writer agrees on it (docs/design.md): an
 * item is handed out only once its {@link #take} succeeded. {@link AllocationLedger} keeps it on
 * the API server; tests drive the commit loop with an in-memory one.
 */
public interface Ledger {

    /** The answer to a take: committed for us, or already held by someone else. */
    sealed interface Outcome permits Committed, HeldBy, HeldByAnotherPool {
    }

    record Committed() implements Outcome {
    }

    record HeldBy(Holder holder) implements Outcome {
    }

    /**
     * Held, in the family-wide scope of {@code --overlapping-pools=exclusive}, by a claim of another
     * pool that shares the address ({@link FamilyWideLedger}): not ours while that claim holds it,
     * rather than in flight.
     */
    record HeldByAnotherPool(Holder holder) implements Outcome {
    }

    /**
     * One entry: in which pool and block, which item (as the ledger writes it), held by whom.
     *
     * @param block the item's number divided by the items per block: which ledger object records it
     */
    record Entry(PoolIdentity pool, U128 block, String item, Holder holder) {

        public static Entry of(PoolIdentity pool, LedgerItem item, Holder holder) {
            return new Entry(pool, item.number().shiftRight(BlockKey.BLOCK_BITS), item.text(), holder);
        }
    }

    /** Records the entry, unless someone else holds its item already. */
    Outcome take(Entry entry);

    /** Removes the entry, if its holder still holds its item. */
    void giveBack(Entry entry);

    /** Every entry of every pool: for the sweep of entries nobody holds any more. */
    List<Entry> entries();

    /** Every entry of one pool: what a restart finds committed, some perhaps without their IPAddress yet. */
    List<Entry> entriesOf(PoolIdentity pool);

    /** Removes every entry of a pool that is gone. */
    void forget(PoolIdentity pool);
}

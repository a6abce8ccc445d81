package dev.clusteripam.controller.ledger;

import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpFormatException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code --overlapping-pools=exclusive}: an address handed out by one IP pool is never handed out by
 * another IP pool that also covers it. Every take of an IP pool's address first takes the same
 * address in one ledger scope per family, shared by every IP pool (blocks keyed by family and
 * address block instead of by pool), with the same compare-and-swap on the API server; an address
 * held there by another pool's claim is {@link HeldByAnotherPool held by another pool}, so the
 * claim is given the next free address or {@code PoolExhausted}, with any number of replicas. Giving back gives back both
 * entries. Prefix pools are passed through: their sub-prefixes are not entered in the family scope.
 */
public final class FamilyWideLedger implements Ledger {

    private final Ledger pools;
    private final Predicate<Holder> hasIPAddress;

    /**
     * @param pools the ledger both scopes are kept in
     * @param hasIPAddress whether a holder's IPAddress exists (in the provider's cache): a holder
     *     without one is an allocation or a release in flight, which settles soon
     */
    public FamilyWideLedger(Ledger pools, Predicate<Holder> hasIPAddress) {
        this.pools = pools;
        this.hasIPAddress = hasIPAddress;
    }

    /**
     * The scope every IP pool of {@code family} shares. Recorded in the ledger as a global IP pool
     * whose name no Kubernetes object can have (upper case, a space, a colon), so that no real pool
     * ever shares its blocks.
     */
    public static PoolIdentity scopeOf(IpFamily family) {
        return PoolIdentity.of(PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, "", "Every IP pool: " + family);
    }

    @Override
    public Outcome take(Entry entry) {
        Optional<Entry> familyWide = familyWide(entry);
        if (familyWide.isEmpty()) {
            return pools.take(entry);
        }
        Outcome inFamily = pools.take(familyWide.get());
        if (inFamily instanceof HeldBy held) {
            // Held while its IPAddress lives: that IPAddress's deletion wakes the claims waiting for it. Without one the
            // other claim is being served or released (its IPAddress deleted, the entries not yet given back): look again soon.
            return hasIPAddress.test(held.holder()) ? new HeldByAnotherPool(held.holder()) : held;
        }
        Outcome inPool = pools.take(entry);
        if (inPool instanceof HeldBy) {
            pools.giveBack(familyWide.get());
        }
        return inPool;
    }

    @Override
    public void giveBack(Entry entry) {
        pools.giveBack(entry);
        familyWide(entry).ifPresent(pools::giveBack);
    }

    @Override
    public List<Entry> entries() {
        return pools.entries();
    }

    @Override
    public List<Entry> entriesOf(PoolIdentity pool) {
        return pools.entriesOf(pool);
    }

    @Override
    public void forget(PoolIdentity pool) {
        pools.forget(pool);
    }

    /** The entry in its family's scope, for an address of an IP pool; empty for a prefix pool's sub-prefix. */
    private static Optional<Entry> familyWide(Entry entry) {
        if (entry.pool().kind().handsOutPrefixes()) {
            return Optional.empty();
        }
        try {
            IpFamily family = IpAddress.parse(entry.item()).family();
            return Optional.of(new Entry(scopeOf(family), entry.block(), entry.item(), entry.holder()));
        } catch (IpFormatException e) {
            // The ledger writes the canonical address it was given; an item that does not parse was not written by us.
            return Optional.empty();
        }
    }
}

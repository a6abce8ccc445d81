package dev.clusteripam.controller.ledger;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code --overlapping-pools=exclusive}: an address handed out by one IP pool is never handed out by
 * another IP pool that also covers it. Every take of an IP pool's address first takes the same
 * address in one ledger scope per family, shared by every IP pool (blocks keyed by family and
 * address block instead of by pool), with the same compare-and-swap on the API server; an address
 * held there by another pool's claim is {@link HeldByAnotherPool held by another pool}, so the
 * claim is given the next free address or {@code PoolExhausted}, with any number of replicas. Giving back gives back both
 * entries. An address an IPAddress of another IP pool holds is held by that pool too, family entry or not: IPAddresses
 * made before the mode was switched on (or adopted, or made by hand) have none, and every replica's cache, complete
 * before it serves, holds them. Prefix pools are passed through: their sub-prefixes are not entered in the family scope.
 */
public final class FamilyWideLedger implements Ledger {

    private final Ledger pools;
    private final Predicate<Holder> hasIPAddress;
    private final Function<IpAddress, ? extends Collection<IPAddress>> ipAddressesAt;

    /**
     * @param pools the ledger both scopes are kept in
     * @param hasIPAddress whether a holder's IPAddress exists (in the provider's cache): a holder
     *     without one is an allocation or a release in flight, which settles soon
     * @param ipAddressesAt the IPAddresses of an address, whichever pool they name (the provider's cache, by index)
     */
    public FamilyWideLedger(Ledger pools, Predicate<Holder> hasIPAddress, Function<IpAddress, ? extends Collection<IPAddress>> ipAddressesAt) {
        this.pools = pools;
        this.hasIPAddress = hasIPAddress;
        this.ipAddressesAt = ipAddressesAt;
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
        Optional<IpAddress> address = addressOf(entry);
        if (address.isEmpty()) {
            return pools.take(entry);
        }
        Optional<Holder> otherPools = ipAddressesAt.apply(address.get()).stream()
                .filter(held -> namesAnotherIpPool(held, entry.pool())).map(Holder::of).findFirst();
        if (otherPools.isPresent()) {
            // Checked before the family scope: an IPAddress made before exclusive mode has no family entry. Its deletion wakes
            // the claims waiting for it, as for any IPAddress of a pool that shares addresses.
            return new HeldByAnotherPool(otherPools.get());
        }
        Optional<Entry> familyWide = familyWide(entry);
        Outcome inFamily = pools.take(familyWide.orElseThrow());
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
        return addressOf(entry).map(address -> new Entry(scopeOf(address.family()), entry.block(), entry.item(), entry.holder()));
    }

    /** The address an IP pool's entry records; empty for a prefix pool's sub-prefix. */
    private static Optional<IpAddress> addressOf(Entry entry) {
        if (entry.pool().kind().handsOutPrefixes()) {
            return Optional.empty();
        }
        // The ledger writes the canonical address it was given; an item that does not parse was not written by us.
        return IpAddress.tryParse(entry.item());
    }

    /** Whether {@code address} names an IP pool other than {@code pool}: a prefix pool's IPAddress holds a prefix, not this address. */
    private static boolean namesAnotherIpPool(IPAddress address, PoolIdentity pool) {
        return PoolIdentity.namedBy(address).filter(named -> !named.kind().handsOutPrefixes() && !named.equals(pool)).isPresent();
    }
}

package dev.clusteripam.controller.ledger;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.controller.address.IPAddressCache;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back ledger entries that nobody holds any more, so that no address stays taken after its
 * claim is gone: an entry whose holder has neither a claim nor an IPAddress (a crash between the
 * commit and the IPAddress, then the claim deleted), or whose holder's IPAddress carries another
 * item (a restart that chose again). An entry whose claim exists but whose IPAddress does not yet
 * is an allocation in flight and is left alone. Entries are given back only after two sightings in
 * a row, so that caches catching up are never mistaken for absence.
 */
public final class LedgerSweeper implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerSweeper.class);

    private final Ledger ledger;
    private final IPAddressCache addresses;
    private final BiPredicate<String, String> claimExists;
    private final Consumer<Ledger.Entry> givenBack;
    private Set<Ledger.Entry> suspects = Set.of();

    /** @param givenBack told of every entry given back, so that memory forgets it too */
    public LedgerSweeper(Ledger ledger, IPAddressCache addresses, BiPredicate<String, String> claimExists,
            Consumer<Ledger.Entry> givenBack) {
        this.ledger = ledger;
        this.addresses = addresses;
        this.claimExists = claimExists;
        this.givenBack = givenBack;
    }

    @Override
    public void run() {
        Set<Ledger.Entry> stale = new HashSet<>();
        for (Ledger.Entry entry : ledger.entries()) {
            if (!isStale(entry)) {
                continue;
            }
            if (suspects.contains(entry)) {
                LOG.info("stale ledger entry given back: pool={} item={} holder={}", entry.pool(), entry.item(), entry.holder());
                ledger.giveBack(entry);
                givenBack.accept(entry);
            } else {
                stale.add(entry);
            }
        }
        suspects = stale;
    }

    private boolean isStale(Ledger.Entry entry) {
        Optional<IPAddress> address = addresses.get(entry.holder().namespace(), entry.holder().name());
        if (address.isPresent()) {
            return !entry.item().equals(address.get().getSpec().getAddress());
        }
        return !claimExists.test(entry.holder().namespace(), entry.holder().name());
    }
}

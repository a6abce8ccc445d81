package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.controller.address.IPAddressCache;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.api.ipam.PoolIdentity;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds IPAddresses the provider made (our finalizer and a claim as controlling owner) whose claim
 * no longer exists, and releases them once they have been orphans for two sweeps in a row, so that
 * a claim still being created or a cache still catching up is never mistaken for a missing one.
 * Hand-made IPAddresses (no claim owns them) are reservations and are never touched (SPEC 2.11).
 */
public final class OrphanSweeper implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanSweeper.class);

    private final IPAddressCache addresses;
    private final BiPredicate<String, String> claimExists;
    private final BiConsumer<PoolIdentity, IPAddress> releaseOrphan;
    /** Replaced whole by each sweep; read by the metrics' thread. */
    private volatile Set<Holder> suspects = Set.of();

    OrphanSweeper(IPAddressCache addresses, BiPredicate<String, String> claimExists, BiConsumer<PoolIdentity, IPAddress> releaseOrphan) {
        this.addresses = addresses;
        this.claimExists = claimExists;
        this.releaseOrphan = releaseOrphan;
    }

    @Override
    public void run() {
        Set<Holder> orphans = new HashSet<>();
        for (IPAddress address : addresses.all()) {
            if (!madeForAClaim(address) || claimExists.test(address.getMetadata().getNamespace(), address.getMetadata().getName())) {
                continue;
            }
            Holder holder = Holder.of(address);
            if (suspects.contains(holder)) {
                PoolIdentity.namedBy(address).ifPresent(pool -> {
                    LOG.info("orphan released: ipaddress={} pool={} address={}", holder, pool, address.getSpec().getAddress());
                    releaseOrphan.accept(pool, address);
                });
            } else {
                orphans.add(holder);
            }
        }
        suspects = orphans;
    }

    /** How many IPAddresses the last sweep found without their claim; released at the next sweep if still so. */
    public int suspectCount() {
        return suspects.size();
    }

    private static boolean madeForAClaim(IPAddress address) {
        List<String> finalizers = address.getMetadata().getFinalizers();
        List<OwnerReference> owners = address.getMetadata().getOwnerReferences();
        return finalizers != null && finalizers.contains(IPAddresses.PROTECT_ADDRESS_FINALIZER)
                && owners != null && owners.stream().anyMatch(o -> "IPAddressClaim".equals(o.getKind()) && Boolean.TRUE.equals(o.getController()));
    }
}

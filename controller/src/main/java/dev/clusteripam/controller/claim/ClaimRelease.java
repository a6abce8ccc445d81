package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.controller.allocation.CommittedPools;
import dev.clusteripam.controller.events.EventRecorder;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.controller.poolkind.PoolKindAdapter;
import dev.clusteripam.controller.status.ClaimStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * SPEC 2.6: a deleted claim's address goes back, once the pool's reuse grace period is over, in the
 * order that keeps it taken for every writer until it is really free: remove the IPAddress's
 * finalizer, delete it, then give back its ledger entry. Orphaned IPAddresses go the same way.
 */
final class ClaimRelease {

    private final KubernetesClient client;
    private final Clock clock;
    private final CommittedPools pools;
    private final ClaimStatus status;
    private final EventRecorder events;
    private final ProviderMetrics metrics;

    ClaimRelease(KubernetesClient client, Clock clock, CommittedPools pools, ClaimStatus status, EventRecorder events,
            ProviderMetrics metrics) {
        this.client = client;
        this.clock = clock;
        this.pools = pools;
        this.status = status;
        this.events = events;
        this.metrics = metrics;
    }

    DeleteControl release(ClaimObservation seen) {
        Optional<IPAddress> address = seen.addressOfPool();
        Optional<Duration> graceLeft = address.isPresent() ? gracePeriodLeft(seen) : Optional.empty();
        if (graceLeft.isPresent()) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(graceLeft.get());
        }
        // Without an IPAddress, an item committed but never made into one (a failed create) still goes.
        address.ifPresent(this::delete);
        pools.release(seen.pool(), seen.holder(), address.flatMap(PoolKindAdapter.of(seen.pool().kind())::ledgerItemOf));
        status.released(seen.holder(), seen.pool(), address.isPresent());
        return DeleteControl.defaultDelete();
    }

    /** An IPAddress we made whose claim is gone (see {@link OrphanSweeper}). */
    void releaseOrphan(PoolIdentity pool, IPAddress address) {
        delete(address);
        pools.release(pool, Holder.of(address), PoolKindAdapter.of(pool.kind()).ledgerItemOf(address));
        metrics.orphanReleased(pool);
        events.warning(address, "OrphanReleased", "the claim " + Holder.of(address) + " is gone; its address "
                + address.getSpec().getAddress() + " is released");
    }

    private void delete(IPAddress address) {
        var resource = client.resources(IPAddress.class)
                .inNamespace(address.getMetadata().getNamespace()).withName(address.getMetadata().getName());
        try {
            resource.edit(current -> {
                current.getMetadata().setFinalizers(IPAddresses.finalizersWithoutProtection(current));
                return current;
            });
            resource.delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** Time left of the pool's reuse grace period, counted from the claim's deletion; none when the pool is gone or going. */
    private Optional<Duration> gracePeriodLeft(ClaimObservation seen) {
        Optional<HasMetadata> pool = seen.livePool();
        Optional<Duration> period = pool.flatMap(PoolKindAdapter.of(seen.pool().kind())::reuseGracePeriod);
        if (period.isEmpty()) {
            return Optional.empty();
        }
        IPAddressClaim claim = seen.claim();
        Instant until = Instant.parse(claim.getMetadata().getDeletionTimestamp()).plus(period.get());
        Duration left = Duration.between(clock.instant(), until);
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }
}

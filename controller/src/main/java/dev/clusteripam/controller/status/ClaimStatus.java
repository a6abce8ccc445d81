package dev.clusteripam.controller.status;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimStatus;
import dev.clusteripam.api.capi.IPAddressReference;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.controller.events.EventRecorder;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.core.text.Excerpt;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Where a claim's {@code Ready} is set: its condition (with the reasons of the Cluster API v1beta2
 * IPAM contract), the event that tells of a refusal, the metrics of its wait and the log line, all
 * in one place, so that they never disagree. A success records no event: the {@code Ready=True}
 * condition (reason and message), the metrics and the log line tell of it, and an event would be
 * one more API write on every allocation (docs/benchmarks.md).
 */
public final class ClaimStatus {

    public static final String ALLOCATED = "Allocated";
    public static final String POOL_NOT_READY = "PoolNotReady";
    public static final String POOL_EXHAUSTED = "PoolExhausted";
    public static final String ALLOCATION_FAILED = "AllocationFailed";
    /** Every reason a claim is refused an address for. */
    public static final List<String> REFUSAL_REASONS = List.of(POOL_NOT_READY, POOL_EXHAUSTED, ALLOCATION_FAILED);

    private static final Logger LOG = LoggerFactory.getLogger(ClaimStatus.class);

    /** The reason logged when a claim's address is given back. */
    private static final String RELEASED = "Released";

    private final Clock clock;
    private final ReadyCondition readyCondition;
    private final EventRecorder events;
    private final ProviderMetrics metrics;

    public ClaimStatus(Clock clock, EventRecorder events, ProviderMetrics metrics) {
        this.clock = clock;
        this.readyCondition = new ReadyCondition(clock);
        this.events = events;
        this.metrics = metrics;
        metrics.refusalReasons(REFUSAL_REASONS);
    }

    /**
     * Whether the claim, without an address, was refused the item it asks for (or the one kept for it),
     * or for another {@code AllocationFailed} reason: looked at again whenever an IPAddress of its pool
     * comes or goes, which may be the release of that item.
     */
    public static boolean isWaitingForItem(IPAddressClaim claim) {
        return isFalseFor(claim, ALLOCATION_FAILED) && claim.getStatus().getAddressRef() == null;
    }

    /** Whether the claim names its IPAddress and says Ready for its current generation: served, and told so. */
    public static boolean isServedAndCurrent(IPAddressClaim claim) {
        return isServed(claim) && ReadyCondition.isTrueFor(claim.getStatus().getConditions(), claim.getMetadata().getGeneration());
    }

    /** Whether the claim names its IPAddress, whatever its conditions say (the upstream provider sets none). */
    public static boolean isServed(IPAddressClaim claim) {
        return claim.getStatus() != null && claim.getStatus().getAddressRef() != null;
    }

    /** Whether the claim waits for an address to be released in its pool: served as soon as one is. */
    public static boolean isWaitingForRoom(IPAddressClaim claim) {
        return isFalseFor(claim, POOL_EXHAUSTED);
    }

    /** Paused on purpose (a move, say): not a claim waiting for an address; nothing is written. */
    public UpdateControl<IPAddressClaim> paused(IPAddressClaim claim) {
        LOG.debug("paused: claim={}", Holder.of(claim));
        metrics.claimPaused(Holder.of(claim));
        return UpdateControl.noUpdate();
    }

    /** The claim is looked at: without an address, its wait is counted from its creation. */
    public void observed(IPAddressClaim claim) {
        if (claim.getStatus() == null || claim.getStatus().getAddressRef() == null) {
            metrics.claimPending(Holder.of(claim), createdAt(claim));
        }
    }

    /** Ready: the claim names its IPAddress; no event, the condition says so. */
    public UpdateControl<IPAddressClaim> ready(IPAddressClaim claim, IPAddress address, PoolIdentity pool) {
        return ready(claim, address, pool, Optional.empty());
    }

    /**
     * Ready, with a note on the message when the address is not the one the claim's annotation asks
     * for (a pre-allocation won, or the claim keeps the address it held before the annotation changed).
     */
    public UpdateControl<IPAddressClaim> ready(IPAddressClaim claim, IPAddress address, PoolIdentity pool, Optional<String> note) {
        IPAddressClaimStatus status = statusOf(claim);
        boolean refChanged = status.getAddressRef() == null || !address.getMetadata().getName().equals(status.getAddressRef().getName());
        status.setAddressRef(new IPAddressReference(address.getMetadata().getName()));
        String message = Excerpt.ofMessage("allocated " + address.getSpec().getAddress() + "/" + address.getSpec().getPrefix()
                + " from " + pool + note.map(n -> "; " + n).orElse(""));
        boolean conditionChanged = setReady(claim, true, ALLOCATED, message);
        if (refChanged) {
            metrics.claimServed(Holder.of(claim));
        }
        return refChanged || conditionChanged ? UpdateControl.patchStatus(claim) : UpdateControl.noUpdate();
    }

    /** Not ready for {@code reason}: counted, and logged and told in an event when the condition changes. */
    public UpdateControl<IPAddressClaim> notReady(IPAddressClaim claim, PoolIdentity pool, String reason, String fullMessage) {
        String message = Excerpt.ofMessage(fullMessage);
        Holder holder = Holder.of(claim);
        metrics.claimRefused(holder, createdAt(claim), reason, !isFalseFor(claim, reason));
        if (!setReady(claim, false, reason, message)) {
            return UpdateControl.noUpdate();
        }
        withClaim(LOG.atInfo(), holder, pool, reason).log("not ready: claim={} pool={} reason={} message={}", holder, pool, reason, message);
        events.warning(claim, reason, message);
        return UpdateControl.patchStatus(claim);
    }

    /**
     * Not ready because the pool's namespace selector does not select the claim's namespace:
     * {@code PoolNotReady}, as for a pool that is missing or invalid, since the pool (not the claim)
     * decides, and the claim is served as soon as the selector or the namespace's labels change.
     * Counted per pool once each time the condition changes.
     */
    public UpdateControl<IPAddressClaim> refusedByNamespace(IPAddressClaim claim, PoolIdentity pool, String message) {
        UpdateControl<IPAddressClaim> control = notReady(claim, pool, POOL_NOT_READY, message);
        if (control.isPatchStatus()) {
            metrics.namespaceRefused(pool);
        }
        return control;
    }

    /** Anything unexpected (the API server refusing a write, say) shows on the claim with its cause. */
    public ErrorStatusUpdateControl<IPAddressClaim> failed(IPAddressClaim claim, Exception e) {
        String message = Excerpt.ofMessage("allocation failed, retrying: " + e.getMessage());
        metrics.claimRefused(Holder.of(claim), createdAt(claim), ALLOCATION_FAILED, !isFalseFor(claim, ALLOCATION_FAILED));
        if (!setReady(claim, false, ALLOCATION_FAILED, message)) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        events.warning(claim, ALLOCATION_FAILED, message);
        return ErrorStatusUpdateControl.patchStatus(claim);
    }

    /** An IPAddress was made for the claim. */
    public void allocated(Holder claim, PoolIdentity pool, String address, int prefix) {
        metrics.allocated(pool);
        withClaim(LOG.atInfo(), claim, pool, ALLOCATED).log("allocated: claim={} pool={} address={}/{}", claim, pool, address, prefix);
    }

    /** The claim's address was given back as the claim goes. */
    public void released(Holder claim, PoolIdentity pool, boolean hadAddress) {
        if (hadAddress) {
            metrics.released(pool);
        }
        withClaim(LOG.atInfo(), claim, pool, RELEASED).log("released: claim={} pool={}", claim, pool);
    }

    private boolean setReady(IPAddressClaim claim, boolean ready, String reason, String message) {
        IPAddressClaimStatus status = statusOf(claim);
        return readyCondition.set(status.getConditions(), status::setConditions, ready, reason, message, claim.getMetadata().getGeneration());
    }

    private static IPAddressClaimStatus statusOf(IPAddressClaim claim) {
        if (claim.getStatus() == null) {
            claim.setStatus(new IPAddressClaimStatus());
        }
        return claim.getStatus();
    }

    private static boolean isFalseFor(IPAddressClaim claim, String reason) {
        return claim.getStatus() != null && ReadyCondition.isFalseFor(claim.getStatus().getConditions(), reason);
    }

    /**
     * Puts the claim, its pool and the reason on a log event as key-value pairs, which the JSON log
     * format writes as fields of their own; the message keeps them too, for the text format.
     */
    private static LoggingEventBuilder withClaim(LoggingEventBuilder event, Holder claim, PoolIdentity pool, String reason) {
        return event.addKeyValue("claim", claim.toString()).addKeyValue("pool", pool.toString()).addKeyValue("reason", reason);
    }

    /** When the claim was made: what a wait is counted from; now, for a claim not yet stored (never the case here). */
    private Instant createdAt(IPAddressClaim claim) {
        String created = claim.getMetadata().getCreationTimestamp();
        return created == null ? clock.instant() : Instant.parse(created);
    }
}

package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.controller.allocation.Allocation;
import dev.clusteripam.controller.allocation.Assignment;
import dev.clusteripam.controller.allocation.CommittedPool;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.status.ClaimStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.Optional;

/**
 * A claim of a usable pool gets its address: the IPAddress of its name when one exists already
 * (adopted as it is), or the item its {@link CommittedPool} commits for it, made into an IPAddress.
 */
final class ClaimAllocation {

    /** How soon a claim looks again when only items in flight with other writers were left. */
    private static final Duration CONTENDED_RETRY = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final ClaimStatus status;

    ClaimAllocation(KubernetesClient client, ClaimStatus status) {
        this.client = client;
        this.status = status;
    }

    UpdateControl<IPAddressClaim> serve(ClaimObservation seen, CommittedPool<?> pool) {
        if (seen.address().isPresent()) {
            return adopt(seen, seen.address().get(), pool);
        }
        Optional<String> requested = seen.requested();
        Allocation allocation = pool.allocateFor(seen.holder(), requested);
        if (allocation.refusal().isPresent()) {
            // Never another item instead: the claim waits, and is looked at again when an IPAddress of its pool goes.
            UpdateControl<IPAddressClaim> refused = status.notReady(seen.claim(), seen.pool(), ClaimStatus.ALLOCATION_FAILED,
                    allocation.refusal().get());
            return allocation.contended() ? refused.rescheduleAfter(CONTENDED_RETRY) : refused;
        }
        if (allocation.assignment().isEmpty() && allocation.contended()) {
            // Only items in flight with other writers are left: look again once they have landed or gone.
            return UpdateControl.<IPAddressClaim>noUpdate().rescheduleAfter(CONTENDED_RETRY);
        }
        if (allocation.assignment().isEmpty()) {
            return status.notReady(seen.claim(), seen.pool(), ClaimStatus.POOL_EXHAUSTED,
                    seen.pool() + " has no free address (" + pool.usage().used() + " in use)");
        }
        Assignment assignment = allocation.assignment().get();
        IPAddress created;
        try {
            created = client.resource(IPAddresses.forClaim(seen.claim(), seen.pool(), seen.poolObject().orElseThrow(), assignment)).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return adoptExisting(seen, pool, allocation);
            }
            if (e.getCode() >= 400 && e.getCode() < 500) {
                // The API server refused it, so nothing was made: the address must not stay held by a claim that has none.
                pool.release(seen.holder(), allocation.committed());
            }
            // Otherwise the outcome is unknown (a connection lost, a timeout, a server error, a provider stopping):
            // the IPAddress may exist. The entry stays with its holder, whose next pass makes the IPAddress with
            // the same item or adopts the one that was made; giving it back would leave that IPAddress unguarded.
            throw e;
        }
        status.allocated(seen.holder(), seen.pool(), assignment.address(), assignment.prefix());
        return status.ready(seen.claim(), created, seen.pool(), pool.requestNote(seen.holder(), requested, created));
    }

    /**
     * The IPAddress was there before us: made by an earlier pass or another provider, and not yet in
     * our cache. The one that exists wins; our ledger entry for another item is given back. Exactly
     * ours, named by the commit: by now the cache may show the holder holding the winner's item, and
     * giving back "what the holder holds" would give back the winner's entry, which both replicas
     * record under the claim's name, and leave ours behind.
     */
    private UpdateControl<IPAddressClaim> adoptExisting(ClaimObservation seen, CommittedPool<?> pool, Allocation ours) {
        Holder holder = seen.holder();
        IPAddress existing = client.resources(IPAddress.class).inNamespace(holder.namespace()).withName(holder.name()).get();
        boolean sameItem = existing != null && IPAddresses.namesPool(existing, seen.pool())
                && ours.assignment().orElseThrow().address().equals(existing.getSpec().getAddress());
        if (!sameItem) {
            pool.release(holder, ours.committed());
        }
        if (existing == null) {
            // Deleted between our create and our read: the next pass starts over.
            return UpdateControl.<IPAddressClaim>noUpdate().rescheduleAfter(CONTENDED_RETRY);
        }
        return adopt(seen, existing, pool);
    }

    /** An existing IPAddress of the claim's own pool is adopted as it is; one of another pool is left alone. */
    private UpdateControl<IPAddressClaim> adopt(ClaimObservation seen, IPAddress existing, CommittedPool<?> pool) {
        if (!IPAddresses.namesPool(existing, seen.pool())) {
            return status.notReady(seen.claim(), seen.pool(), ClaimStatus.ALLOCATION_FAILED, "IPAddress " + seen.holder()
                    + " already exists and names another pool; it is left as it is");
        }
        pool.adopt(existing);
        return status.ready(seen.claim(), withOwnership(seen, existing), seen.pool(),
                pool.requestNote(seen.holder(), seen.requested(), existing));
    }

    /**
     * An IPAddress made before we saw its claim gets our finalizer and owner references, as upstream
     * gives them, so that it cannot go without its address being released through us. One being
     * deleted takes no new finalizer.
     */
    private IPAddress withOwnership(ClaimObservation seen, IPAddress existing) {
        HasMetadata poolObject = seen.poolObject().orElseThrow();
        if (existing.getMetadata().getDeletionTimestamp() != null
                || IPAddresses.isOwnedAsMade(existing, seen.claim(), seen.pool(), poolObject)) {
            return existing;
        }
        return client.resources(IPAddress.class).inNamespace(seen.holder().namespace()).withName(seen.holder().name())
                .edit(current -> IPAddresses.takeOwnership(current, seen.claim(), seen.pool(), poolObject));
    }
}

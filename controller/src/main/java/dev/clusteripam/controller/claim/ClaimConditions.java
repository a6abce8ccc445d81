package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.ConditionStatus;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The claim's {@code Ready} condition, in the Cluster API v1beta2 IPAM contract's terms. */
final class ClaimConditions {

    static final String READY = "Ready";

    /** Reasons of the contract. */
    static final String ALLOCATED = "Allocated";
    static final String POOL_NOT_READY = "PoolNotReady";
    static final String POOL_EXHAUSTED = "PoolExhausted";
    static final String ALLOCATION_FAILED = "AllocationFailed";

    private ClaimConditions() {
    }

    /**
     * Sets {@code Ready} on the claim's status; the transition time moves only when the status
     * does. Returns whether anything changed, so that callers record an event once per change.
     */
    static boolean setReady(IPAddressClaim claim, boolean ready, String reason, String message) {
        IPAddressClaimStatus status = claim.getStatus() == null ? new IPAddressClaimStatus() : claim.getStatus();
        claim.setStatus(status);
        List<Condition> conditions = status.getConditions() == null ? new ArrayList<>() : new ArrayList<>(status.getConditions());
        ConditionStatus wanted = ready ? ConditionStatus.TRUE : ConditionStatus.FALSE;
        Condition current = conditions.stream().filter(c -> READY.equals(c.getType())).findFirst().orElse(null);
        if (current != null && current.getStatus() == wanted && Objects.equals(current.getReason(), reason)
                && Objects.equals(current.getMessage(), message)) {
            return false;
        }
        // The API server keeps whole seconds; writing more would make every comparison differ.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant transition = current != null && current.getStatus() == wanted ? current.getLastTransitionTime() : now;
        Condition updated = new Condition(READY, wanted, reason, message, transition);
        updated.setObservedGeneration(claim.getMetadata().getGeneration());
        conditions.removeIf(c -> READY.equals(c.getType()));
        conditions.add(updated);
        status.setConditions(conditions);
        return true;
    }
}

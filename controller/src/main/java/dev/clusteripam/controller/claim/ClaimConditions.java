package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimStatus;
import dev.clusteripam.controller.status.ReadyCondition;
import java.util.List;

/** The claim's {@code Ready} condition, with the reasons of the Cluster API v1beta2 IPAM contract. */
final class ClaimConditions {

    static final String ALLOCATED = "Allocated";
    static final String POOL_NOT_READY = "PoolNotReady";
    static final String POOL_EXHAUSTED = "PoolExhausted";
    static final String ALLOCATION_FAILED = "AllocationFailed";
    /** Every reason a claim is refused an address for. */
    static final List<String> REFUSAL_REASONS = List.of(POOL_NOT_READY, POOL_EXHAUSTED, ALLOCATION_FAILED);

    private ClaimConditions() {
    }

    /** Sets {@code Ready} on the claim's status; returns whether it changed, so that callers record an event once per change. */
    static boolean setReady(IPAddressClaim claim, boolean ready, String reason, String message) {
        IPAddressClaimStatus status = claim.getStatus() == null ? new IPAddressClaimStatus() : claim.getStatus();
        claim.setStatus(status);
        return ReadyCondition.with(status.getConditions(), ready, reason, message, claim.getMetadata().getGeneration())
                .map(conditions -> {
                    status.setConditions(conditions);
                    return true;
                })
                .orElse(false);
    }

    static boolean isWaitingForRoom(IPAddressClaim claim) {
        return isFalseFor(claim, POOL_EXHAUSTED);
    }

    /** Whether the claim's Ready condition is False with {@code reason} already. */
    static boolean isFalseFor(IPAddressClaim claim, String reason) {
        return claim.getStatus() != null && ReadyCondition.isFalseFor(claim.getStatus().getConditions(), reason);
    }
}

package dev.clusteripam.bench.e2e;

import java.util.List;
import java.util.Map;

/**
 * One step of the seeded workload in one mode, on a control plane of its own: upstream-shaped state
 * written with no provider running (not measured as the provider's), the provider's start on it, then
 * one batch of claims created at once.
 *
 * @param step the addresses in use after the batch, as a label (10k)
 * @param seededClaims claims (each with its IPAddress) written before the provider started
 * @param seedSeconds how long the seeding took; seedClaimsPerSecond is its rate
 * @param takeover ours only (null for upstream): its first start, on upstream's state as upstream left it (the migration)
 * @param restart the start the batch follows: ours' second (on the state its first start left), upstream's only one
 * @param seededClaimsRewritten seeded claims whose resourceVersion changed by the end of the step (the provider wrote them)
 * @param seededAddressesRewritten the same for the seeded IPAddresses
 * @param seededInLedger ledger entries held by seeded claims at the end (ours; null for upstream, which keeps no ledger)
 * @param batch the batch: claims/s, latency, writes and CPU per claim, heap and RSS at its end; null when a start was capped or it failed
 * @param violations what the correctness check (seeded and new claims) or the step found; empty when all is well
 */
record SeededStep(
        String mode,
        String step,
        long seededClaims,
        double seedSeconds,
        double seedClaimsPerSecond,
        Start takeover,
        Start restart,
        Long seededClaimsRewritten,
        Long seededAddressesRewritten,
        Long seededInLedger,
        StepResult batch,
        List<String> violations) {

    /**
     * A start of the provider on the seeded state, with one claim created while none ran.
     *
     * @param times to {@code /readyz} and to that claim served, memory then
     * @param capped the claim was not served within the step's patience (its cap plus 10 min), which its
     *     secondsToFirstClaim then is (a lower bound); the step ended there, without a batch
     * @param settleSeconds from the start until the provider's writes stopped (none for 3 s); the patience when capped
     * @param writes the provider's API writes by verb and resource from its start until then (the probe claim's included)
     */
    record Start(RestartResult times, boolean capped, double settleSeconds, Map<String, Double> writes) {

        double writesTotal() {
            return writes.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }
}

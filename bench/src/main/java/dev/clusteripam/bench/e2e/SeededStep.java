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
 * @param restart the start on the seeded state: to {@code /readyz}, to a claim created while no provider ran, memory
 * @param startupSettleSeconds from the provider's start until its writes stopped (none for 3 s): when the batch was created
 * @param startupWrites the provider's API writes by verb and resource from its start until then (the probe claim's included)
 * @param seededClaimsRewritten seeded claims whose resourceVersion changed by the end of the step (the provider wrote them)
 * @param seededAddressesRewritten the same for the seeded IPAddresses
 * @param seededInLedger ledger entries held by seeded claims at the end (ours; null for upstream, which keeps no ledger)
 * @param batch the batch: claims/s, latency, writes and CPU per claim, heap and RSS at its end; null when it failed
 * @param violations what the correctness check (seeded and new claims) or the step found; empty when all is well
 */
record SeededStep(
        String mode,
        String step,
        long seededClaims,
        double seedSeconds,
        double seedClaimsPerSecond,
        RestartResult restart,
        Double startupSettleSeconds,
        Map<String, Double> startupWrites,
        Long seededClaimsRewritten,
        Long seededAddressesRewritten,
        Long seededInLedger,
        StepResult batch,
        List<String> violations) {

    double startupWritesTotal() {
        return startupWrites == null ? 0 : startupWrites.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}

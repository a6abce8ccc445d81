package dev.clusteripam.bench.e2e;

import java.util.List;
import java.util.Map;

/**
 * The figures of one step of a workload (say Fill to 10k in use) in one mode.
 *
 * @param mode index, upstream, or ceiling (the raw write baseline)
 * @param claims claims served in this step
 * @param inUseAfter addresses in use in the workload's pool after the step
 * @param seconds from the first create to the last Ready, summed over the step's batches
 * @param requestsPerClaim API requests per claim by verb (everybody's, the harness's claim creates included; watches left out)
 * @param writesPerClaim API writes per claim by verb and resource, less the harness's claim creates
 * @param cpuMsPerClaim CPU milliseconds per claim by process (kube-apiserver, etcd, provider, harness)
 * @param providerThreadCpuMsPerClaim ours only (null for upstream's Go threads, which have no names): the provider's CPU
 *        milliseconds per claim by kind of thread (JIT compilers, collector, reconcilers, HTTP client)
 * @param heapAfterGcMiB the provider's heap after a full GC at the end of the step; null when not measured
 * @param rssMiB the provider's resident memory at the end of the step; null when not measured
 * @param capped whether the step ran out of its time cap before reaching its target
 * @param counts further figures of the workload (churn: released, reused, refilled)
 */
record StepResult(
        String mode,
        String workload,
        String step,
        long claims,
        long inUseAfter,
        double seconds,
        double claimsPerSecond,
        LatencySummary latency,
        Map<String, Double> requestsPerClaim,
        Map<String, Double> writesPerClaim,
        double writesPerClaimTotal,
        Map<String, Double> cpuMsPerClaim,
        Map<String, Double> providerThreadCpuMsPerClaim,
        Double heapAfterGcMiB,
        Double rssMiB,
        boolean capped,
        List<BatchPoint> batches,
        Map<String, Long> counts) {

    static StepResult ceiling(String step, long claims, long inUseAfter, double seconds, LatencySummary latency,
            Map<String, Double> requestsPerClaim, Map<String, Double> writesPerClaim, Map<String, Double> cpuMsPerClaim) {
        return new StepResult("ceiling", "fill-v4", step, claims, inUseAfter, round(seconds), round(claims / seconds), latency,
                requestsPerClaim, writesPerClaim, ApiRequestCounts.total(writesPerClaim), cpuMsPerClaim, null, null, null, false, List.of(),
                Map.of());
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

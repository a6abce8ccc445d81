package dev.clusteripam.bench.e2e;

import java.time.Duration;
import java.util.List;

/**
 * The sizes of the workloads: the full plan of the issue, or the quick one for a smoke run.
 *
 * @param fillTargets addresses in use after each Fill step, ascending
 * @param batchSize claims created at once within a Fill step; the next batch waits until all are Ready
 * @param churnAt the Fill step after which the churn runs
 * @param churnClaims claims deleted, and as many created, at once in the churn
 * @param burstClaims claims created at once across {@code burstPools} pools
 * @param ipv6Target addresses (and /64 prefixes) in use after the IPv6 workload
 * @param stepCap how long one step may take before the harness stops it and reports what it reached
 * @param baselineStepCap the same for upstream and its imitation, which may be far slower
 * @param rounds rounds of the side-by-side workloads, alternating the modes' order (the medians are of these)
 * @param aloneRepetitions one claim alone, this many times in a row
 * @param atOnceClaims claims created at once into a fresh /24
 * @param manyPools pools, each a fresh /24, that {@code claimsPerManyPool} claims each ask at once
 */
record Plan(List<Integer> fillTargets, int batchSize, int churnAt, int churnClaims, int burstClaims, int burstPools,
        int ipv6Target, Duration stepCap, Duration baselineStepCap, int rounds, int aloneRepetitions, int atOnceClaims, int manyPools,
        int claimsPerManyPool) {

    static final int BURST_POOLS = 20;

    static Plan full(int largestFill, int ipv6Target, Duration stepCap, Duration baselineStepCap) {
        List<Integer> targets = List.of(1_000, 10_000, 50_000).stream().filter(t -> t <= largestFill).toList();
        return new Plan(targets, 1_000, Math.min(10_000, largestFill), 1_000, 2_000, BURST_POOLS, ipv6Target, stepCap, baselineStepCap,
                3, 20, 100, 20, 50);
    }

    static Plan quick(Duration stepCap, Duration baselineStepCap) {
        return new Plan(List.of(1_000), 250, 1_000, 100, 200, BURST_POOLS, 250, stepCap, baselineStepCap, 1, 5, 100, 5, 20);
    }

    Duration stepCap(Mode mode) {
        return mode == Mode.INDEX ? stepCap : baselineStepCap;
    }

    int largestFill() {
        return fillTargets.get(fillTargets.size() - 1);
    }
}

package dev.clusteripam.bench.e2e;

import java.util.Collection;

/** Per-claim latency from creation to Ready=True, in milliseconds: median, 99th percentile, worst. */
record LatencySummary(double p50Ms, double p99Ms, double maxMs) {

    static LatencySummary ofNanos(Collection<Long> nanos) {
        if (nanos.isEmpty()) {
            return new LatencySummary(0, 0, 0);
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new LatencySummary(millis(percentile(sorted, 0.50)), millis(percentile(sorted, 0.99)), millis(sorted[sorted.length - 1]));
    }

    /** Nearest-rank percentile: the smallest value with at least {@code fraction} of the values at or below it. */
    private static long percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    @Override
    public String toString() {
        return "p50 " + p50Ms + " ms, p99 " + p99Ms + " ms, max " + maxMs + " ms";
    }
}

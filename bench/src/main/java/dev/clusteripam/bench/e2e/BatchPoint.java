package dev.clusteripam.bench.e2e;

/** One batch of a step: how many were in use after it, and how fast it was served. */
record BatchPoint(long inUseAfter, long claims, double claimsPerSecond, double p50Ms, double p99Ms) {
}

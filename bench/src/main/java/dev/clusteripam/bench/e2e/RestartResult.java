package dev.clusteripam.bench.e2e;

/**
 * A provider restart with many IPAddresses present: from process start to {@code /readyz} 200 and
 * to the first claim (created while no provider ran) being Ready; memory once they are adopted.
 */
record RestartResult(long addressesPresent, double secondsToReady, double secondsToFirstClaim, double heapAfterGcMiB, double rssMiB) {
}

package dev.clusteripam.bench.e2e;

/**
 * A provider start (a restart with many IPAddresses present, or a cold start): from process start
 * to {@code /readyz} 200 and to the first claim (created while no provider ran) being served;
 * memory once they are adopted.
 *
 * @param heapAfterGcMiB null for upstream's Go binary
 */
record RestartResult(long addressesPresent, double secondsToReady, double secondsToFirstClaim, Double heapAfterGcMiB, double rssMiB) {
}

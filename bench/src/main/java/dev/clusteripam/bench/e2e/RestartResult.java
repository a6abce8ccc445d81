package dev.clusteripam.bench.e2e;

import java.util.Map;

/**
 * A provider start (a restart with many IPAddresses present, or a cold start): from process start
 * to {@code /readyz} 200 and to the first claim (created while no provider ran) being served;
 * memory once they are adopted.
 *
 * @param heapAfterGcMiB null for upstream's Go binary
 * @param cpuSecondsToFirstClaim CPU seconds by process (kube-apiserver, etcd, provider, harness) from the provider's start
 *        to the first claim served: who the start waited for
 * @param providerThreadCpuSeconds ours only (null for upstream): the provider's CPU seconds by kind of thread when the first
 *        claim was served
 */
record RestartResult(long addressesPresent, double secondsToReady, double secondsToFirstClaim, Double heapAfterGcMiB, double rssMiB,
        Map<String, Double> cpuSecondsToFirstClaim, Map<String, Double> providerThreadCpuSeconds) {
}

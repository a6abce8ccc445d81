package dev.clusteripam.app.run;

import dev.clusteripam.app.benchmark.AllocationMode;
import dev.clusteripam.core.overlap.OverlapPolicy;
import dev.clusteripam.app.logging.LogSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code run} was asked to do: upstream's manager flags, ours, and the upstream flags it
 * ignores.
 *
 * @param kubeconfig {@code --kubeconfig}; empty: fabric8's standard resolution
 * @param leaderElect {@code --leader-elect}
 * @param healthProbeAddress {@code --health-probe-bind-address}; empty when {@code 0} turned it off
 * @param diagnosticsAddress {@code --diagnostics-address} / {@code --metrics-bind-addr}; empty when {@code 0} turned it off
 * @param insecureDiagnostics {@code --insecure-diagnostics}: plain HTTP without authentication
 * @param namespace {@code --namespace}; empty: every namespace
 * @param watchFilter {@code --watch-filter}; empty: no filter
 * @param webhook the webhook flags
 * @param maxConcurrentReconciles {@code --max-concurrent-reconciles}
 * @param logging {@code --log-format}, {@code --log-level}, {@code -v}
 * @param ignoredFlags the upstream flags given that only tune controller-runtime, by name
 * @param allocationMode {@code --allocation-mode} (hidden, for benchmarks)
 * @param overlappingPools {@code --overlapping-pools}: warn about, refuse, or keep exclusive the
 *     addresses pools share
 */
record RunOptions(
        Optional<Path> kubeconfig,
        boolean leaderElect,
        Optional<BindAddress> healthProbeAddress,
        Optional<BindAddress> diagnosticsAddress,
        boolean insecureDiagnostics,
        Optional<String> namespace,
        Optional<String> watchFilter,
        WebhookOptions webhook,
        int maxConcurrentReconciles,
        LogSettings logging,
        List<String> ignoredFlags,
        AllocationMode allocationMode,
        OverlapPolicy overlappingPools) {

    RunOptions {
        Objects.requireNonNull(kubeconfig, "kubeconfig");
        Objects.requireNonNull(healthProbeAddress, "healthProbeAddress");
        Objects.requireNonNull(diagnosticsAddress, "diagnosticsAddress");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(watchFilter, "watchFilter");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(allocationMode, "allocationMode");
        Objects.requireNonNull(overlappingPools, "overlappingPools");
        ignoredFlags = List.copyOf(ignoredFlags);
        if (maxConcurrentReconciles < 1) {
            throw new IllegalArgumentException("--max-concurrent-reconciles must be at least 1, got " + maxConcurrentReconciles);
        }
    }
}

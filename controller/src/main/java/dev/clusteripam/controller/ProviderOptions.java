package dev.clusteripam.controller;

import dev.clusteripam.controller.allocation.AllocationStrategy;
import dev.clusteripam.core.overlap.OverlapPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * How the provider runs; the entry point fills it from upstream-compatible flags.
 *
 * @param namespace watch claims of this namespace only ({@code --namespace}); empty: all
 * @param watchFilter only claims labelled {@code cluster.x-k8s.io/watch-filter=<value>}
 *     ({@code --watch-filter}); empty: all
 * @param maxConcurrentReconciles how many reconciles run at once
 * @param leaderElection the Lease to hold before reconciling ({@code --leader-elect}); empty:
 *     reconcile at once
 * @param allocationStrategy how a pool's next free item is found: the index, or upstream's scan
 *     for benchmarks
 * @param overlapPolicy what is done about pools that share addresses ({@code --overlapping-pools});
 *     {@link OverlapPolicy#EXCLUSIVE} makes every allocation hold its address in a family-wide
 *     ledger scope too
 */
public record ProviderOptions(
        Optional<String> namespace,
        Optional<String> watchFilter,
        int maxConcurrentReconciles,
        Optional<LeaderElection> leaderElection,
        AllocationStrategy allocationStrategy,
        OverlapPolicy overlapPolicy) {

    /** Upstream's label for running several providers side by side, each on its own objects. */
    public static final String WATCH_FILTER_LABEL = "cluster.x-k8s.io/watch-filter";

    /** The Lease, named as upstream names its own so that an upgrade hands over cleanly. */
    public record LeaderElection(String leaseNamespace, String leaseName) {
        public LeaderElection {
            Objects.requireNonNull(leaseNamespace, "leaseNamespace");
            Objects.requireNonNull(leaseName, "leaseName");
        }
    }

    public ProviderOptions {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(watchFilter, "watchFilter");
        Objects.requireNonNull(leaderElection, "leaderElection");
        Objects.requireNonNull(allocationStrategy, "allocationStrategy");
        Objects.requireNonNull(overlapPolicy, "overlapPolicy");
        if (maxConcurrentReconciles < 1) {
            throw new IllegalArgumentException("maxConcurrentReconciles must be at least 1, got " + maxConcurrentReconciles);
        }
    }

    /** The options without a choice of allocation strategy: the index. */
    public ProviderOptions(Optional<String> namespace, Optional<String> watchFilter, int maxConcurrentReconciles,
            Optional<LeaderElection> leaderElection) {
        this(namespace, watchFilter, maxConcurrentReconciles, leaderElection, AllocationStrategy.INDEX, OverlapPolicy.WARN);
    }

    /** All namespaces, no filter, no leader election, the index. */
    public static ProviderOptions defaults(int maxConcurrentReconciles) {
        return new ProviderOptions(Optional.empty(), Optional.empty(), maxConcurrentReconciles, Optional.empty());
    }

    /** The same options with another allocation strategy. */
    public ProviderOptions withAllocationStrategy(AllocationStrategy strategy) {
        return new ProviderOptions(namespace, watchFilter, maxConcurrentReconciles, leaderElection, strategy, overlapPolicy);
    }

    /** The same options with another overlap policy. */
    public ProviderOptions withOverlapPolicy(OverlapPolicy policy) {
        return new ProviderOptions(namespace, watchFilter, maxConcurrentReconciles, leaderElection, allocationStrategy, policy);
    }
}

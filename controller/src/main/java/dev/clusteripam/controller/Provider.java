package dev.clusteripam.controller;

import dev.clusteripam.api.capi.Cluster;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.ledger.IPAllocationBlock;
import dev.clusteripam.controller.address.IPAddressCache;
import dev.clusteripam.controller.allocation.CommittedPools;
import dev.clusteripam.controller.claim.ClaimReconciler;
import dev.clusteripam.controller.claim.OrphanSweeper;
import dev.clusteripam.controller.decoding.TolerantDecoding;
import dev.clusteripam.controller.decoding.UndecodableObjects;
import dev.clusteripam.controller.events.EventRecorder;
import dev.clusteripam.controller.ledger.AllocationLedger;
import dev.clusteripam.controller.ledger.FamilyWideLedger;
import dev.clusteripam.controller.ledger.Ledger;
import dev.clusteripam.controller.ledger.LedgerSweeper;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.controller.namespace.NamespaceLabels;
import dev.clusteripam.controller.overlap.OverlappingPools;
import dev.clusteripam.controller.pool.PoolReconciler;
import dev.clusteripam.core.overlap.Overlap;
import dev.clusteripam.core.overlap.OverlapPolicy;
import dev.clusteripam.core.overlap.PoolAddressSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider: one shared IPAddress cache, the pools' holdings on top of it, and the Java Operator
 * SDK operator with the claim reconciler and one pool reconciler per kind. The entry point (flags,
 * health, metrics) wires it; tests start it in-process against the real API server.
 */
public final class Provider implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Provider.class);

    private static final Duration CACHE_SYNC_TIMEOUT = Duration.ofMinutes(2);
    /** How often IPAddresses and ledger entries whose claim is gone are looked for; released after two sightings. */
    static final Duration ORPHAN_SWEEP_INTERVAL = Duration.ofMinutes(1);

    private final KubernetesClient client;
    private final IPAddressCache addresses;
    private final NamespaceLabels namespaces;
    private final OverlappingPools overlaps;
    private final Operator operator;
    private final String identity;
    private final ScheduledExecutorService sweeps;
    private final AtomicBoolean closing;

    private Provider(KubernetesClient client, IPAddressCache addresses, NamespaceLabels namespaces, OverlappingPools overlaps,
            Operator operator, String identity, ScheduledExecutorService sweeps, AtomicBoolean closing) {
        this.client = client;
        this.addresses = addresses;
        this.namespaces = namespaces;
        this.overlaps = overlaps;
        this.operator = operator;
        this.identity = identity;
        this.sweeps = sweeps;
        this.closing = closing;
    }

    /**
     * Starts reconciling with {@code client}; returns once every informer has synced (with leader
     * election: once the informers are started; reconciling waits for the lease).
     */
    public static Provider start(KubernetesClient client, ProviderOptions options) {
        return start(client, options, ProviderMetrics.unserved());
    }

    /** As {@link #start(KubernetesClient, ProviderOptions)}, recording what it does on {@code metrics}. */
    public static Provider start(KubernetesClient client, ProviderOptions options, ProviderMetrics metrics) {
        return start(client, options, metrics, ORPHAN_SWEEP_INTERVAL, Provider::logLeaderLoss);
    }

    /**
     * As {@link #start(KubernetesClient, ProviderOptions, ProviderMetrics)}; {@code onLeaderLost} runs
     * (on a thread of its own) when a replica loses the lease while running. The entry point exits
     * then, as controller-runtime's managers do, so that its restart campaigns afresh.
     */
    public static Provider start(KubernetesClient client, ProviderOptions options, ProviderMetrics metrics, Runnable onLeaderLost) {
        return start(client, options, metrics, ORPHAN_SWEEP_INTERVAL, onLeaderLost);
    }

    static Provider start(KubernetesClient client, ProviderOptions options, ProviderMetrics metrics, Duration orphanSweepInterval) {
        return start(client, options, metrics, orphanSweepInterval, Provider::logLeaderLoss);
    }

    private static Provider start(KubernetesClient given, ProviderOptions options, ProviderMetrics metrics, Duration orphanSweepInterval,
            Runnable onLeaderLost) {
        Deque<Runnable> stopOnFailure = new ArrayDeque<>();
        try {
            return start(given, options, metrics, orphanSweepInterval, onLeaderLost, stopOnFailure);
        } catch (RuntimeException e) {
            // A failed start leaves nothing running, newest first: the caller may start again (a 429 while the API server's
            // watch cache loads) without a second set of informers watching beside the first.
            for (Runnable stop : stopOnFailure) {
                try {
                    stop.run();
                } catch (RuntimeException stopping) {
                    e.addSuppressed(stopping);
                }
            }
            throw e;
        }
    }

    private static Provider start(KubernetesClient given, ProviderOptions options, ProviderMetrics metrics, Duration orphanSweepInterval,
            Runnable onLeaderLost, Deque<Runnable> stopOnFailure) {
        Clock clock = Clock.systemUTC();
        // An object our model cannot hold is skipped and reported; it never fails an informer (issue 12.1).
        UndecodableObjects undecodable = UndecodableObjects.reportedBy(new EventRecorder(given, clock), metrics);
        KubernetesClient client = TolerantDecoding.client(given, watchedKinds(), undecodable);
        stopOnFailure.push(client::close);
        IPAddressCache addresses = IPAddressCache.create(client);
        stopOnFailure.push(addresses::close);
        // With --overlapping-pools=exclusive every IP pool's address is also held family-wide (docs/design.md).
        Ledger ledger = options.overlapPolicy() == OverlapPolicy.EXCLUSIVE
                ? new FamilyWideLedger(new AllocationLedger(client), holder -> addresses.get(holder.namespace(), holder.name()).isPresent(),
                        addresses::at)
                : new AllocationLedger(client);
        CommittedPools pools = new CommittedPools(ledger, addresses::ofPool, options.allocationStrategy(), undecodable::failureOf);
        addresses.addListener(pools);
        // Our caches list while the operator's informers list too (a restart with tens of thousands of
        // claims and IPAddresses is mostly these lists). Holdings are built from the IPAddress cache, and
        // claims are judged on their namespace's labels: no reconcile may read either before it is
        // complete, so each controller's event sources on these caches (IPAddressTriggers,
        // NamespaceTriggers, OverlapTriggers) start only once their cache has synced, and the operator
        // starts a controller's reconciles only after all its event sources have started.
        addresses.start(CACHE_SYNC_TIMEOUT);
        NamespaceLabels namespaces = NamespaceLabels.create(client);
        stopOnFailure.push(namespaces::close);
        namespaces.start(CACHE_SYNC_TIMEOUT);
        // Every pool's address set, for the pools' Overlapping condition and the admission webhook's check.
        OverlappingPools overlaps = OverlappingPools.create(client, options.namespace());
        stopOnFailure.push(overlaps::close);
        overlaps.start(CACHE_SYNC_TIMEOUT);

        // Unique per process, so that two replicas on one host (or two providers in one test JVM) are told apart.
        String identity = hostName() + "_" + UUID.randomUUID();
        AtomicBoolean closing = new AtomicBoolean();
        ClaimReconciler claimReconciler = new ClaimReconciler(client, clock, pools, addresses, namespaces, overlaps, ledger, metrics);
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withResourceCloner(claimReconciler.copyingAllButDeferredClaims(client.getKubernetesSerialization()::clone))
                    .withCloseClientOnStop(false)
                    .withConcurrentReconciliationThreads(options.maxConcurrentReconciles())
                    .withStopOnInformerErrorDuringStartup(true)
                    .withMetrics(metrics.reconciles());
            // A replica that loses the lease while running hands that to its caller; one that gives the lease up
            // because it is closing just stops. JOSDK's own exit would run on the closing thread, which
            // deadlocks inside a shutdown hook.
            options.leaderElection().ifPresent(lease -> o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(
                    lease.leaseName(), lease.leaseNamespace(), LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                    LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE, LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                    identity, new LeaderCallbacks(() -> LOG.info("leading: identity={}", identity), () -> {
                        if (!closing.get()) {
                            LOG.error("lost the leader lease: identity={}", identity);
                            new Thread(onLeaderLost, "on-lost-lease").start();
                        }
                    }, leader -> LOG.info("leader: identity={}", leader)), false)));
        });
        operator.register(claimReconciler, claims -> {
            claims.withName("ipaddressclaims")
                    .withFinalizer(ClaimReconciler.RELEASE_ADDRESS_FINALIZER)
                    // Our own status writes do not change what we decide; everything else may.
                    .withGenerationAware(false)
                    .withOnAddFilter(claimReconciler::acceptsAdded)
                    .withOnUpdateFilter(claimReconciler::acceptsUpdate)
                    // Everything a claim is judged on is watched: no periodic reconcile. The operator's default
                    // (every 10 hours) schedules a timer task at every reconcile and leaves the cancelled ones
                    // queued until then: 14 per claim after a Fill to 10k, about a tenth of the heap.
                    .withReconciliationMaxInterval(null)
                    .withGenericFilter(ClaimReconciler::isOurs);
            options.namespace().ifPresent(claims::settingNamespace);
            options.watchFilter().ifPresent(value -> claims.withLabelSelector(ProviderOptions.WATCH_FILTER_LABEL + "=" + value));
        });
        for (PoolReconciler<?> poolReconciler : PoolReconciler.forEveryKind(
                new PoolReconciler.Dependencies(pools, addresses, namespaces, overlaps, ledger, metrics, clock))) {
            register(operator, poolReconciler, options);
        }
        stopOnFailure.push(operator::stop);
        operator.start();
        // With leader election the controllers (and the waits above) start with the lease: the caches must sync regardless.
        addresses.awaitSynced();
        namespaces.awaitSynced();
        overlaps.awaitSynced();
        // Once started: a gauge is registered once per name, and a failed start's cache would stay behind it.
        metrics.watchOverlappingPools(overlaps::overlappingCount);
        ScheduledExecutorService sweeps = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orphan-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        // Claims outside the watch filter are not in our cache: their IPAddresses would look orphaned.
        if (options.watchFilter().isEmpty() && options.namespace().isEmpty()) {
            OrphanSweeper orphans = claimReconciler.orphanSweeper();
            metrics.watchOrphanSuspects(orphans::suspectCount);
            LedgerSweeper ledgerEntries = claimReconciler.ledgerSweeper();
            sweeps.scheduleWithFixedDelay(() -> {
                runQuietly(orphans);
                runQuietly(ledgerEntries);
            }, orphanSweepInterval.toMillis(), orphanSweepInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return new Provider(client, addresses, namespaces, overlaps, operator, identity, sweeps, closing);
    }

    /** Every kind the provider reads: each is decoded tolerantly. */
    private static Set<Class<? extends HasMetadata>> watchedKinds() {
        Set<Class<? extends HasMetadata>> kinds = new HashSet<>(Set.of(IPAddressClaim.class, IPAddress.class, Cluster.class,
                IPAllocationBlock.class));
        Arrays.stream(PoolKind.values()).forEach(kind -> kinds.add(kind.modelClass()));
        return kinds;
    }

    private static <P extends HasMetadata> void register(Operator operator, PoolReconciler<P> reconciler, ProviderOptions options) {
        PoolKind kind = reconciler.kind();
        operator.register(reconciler, pools -> {
            pools.withName(kind.kind().toLowerCase(Locale.ROOT) + "s")
                    .withFinalizer(PoolReconciler.PROTECT_POOL_FINALIZER)
                    // As for claims: everything a pool is judged on is watched.
                    .withReconciliationMaxInterval(null);
            if (kind.isNamespaced()) {
                options.namespace().ifPresent(pools::settingNamespace);
            }
        });
    }

    /** Every IPAddress that names the pool, from the provider's cache: the admission webhook asks it too, so one cache serves both. */
    public List<IPAddress> addressesOf(PoolIdentity pool) {
        return addresses.ofPool(pool);
    }

    /**
     * What {@code addresses}, as {@code pool} would have them, share with every other pool, from the
     * provider's pool caches: the admission webhook asks this. Empty while the pools are not loaded.
     */
    public Optional<List<Overlap<PoolIdentity>>> overlapsWith(PoolIdentity pool, PoolAddressSet addresses) {
        return overlaps.overlapsWith(pool, addresses);
    }

    /** The name this provider holds the leader-election Lease under. */
    public String identity() {
        return identity;
    }

    /** Whether every informer is connected and synced: what {@code /readyz} reports. */
    public boolean isReady() {
        return addresses.isWatching() && namespaces.isWatching() && operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
    }

    /** Without a caller's choice (tests, {@code dev}), a lost lease is only logged; the process campaigns again when restarted. */
    private static void logLeaderLoss() {
        LOG.error("no action on the lost lease was asked for; restart the process to campaign again");
    }

    private static void runQuietly(Runnable sweep) {
        try {
            sweep.run();
        } catch (RuntimeException e) {
            // A failed sweep is retried at the next interval; it must not end the schedule.
            LOG.warn("sweep failed: error={}", e.toString());
        }
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "cluster-ipam";
        }
    }

    @Override
    public void close() {
        closing.set(true);
        sweeps.shutdownNow();
        operator.stop();
        overlaps.close();
        addresses.close();
        namespaces.close();
        client.close();
    }
}

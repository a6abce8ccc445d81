package dev.clusteripam.app.run;

import dev.clusteripam.app.diagnostics.DiagnosticsServer;
import dev.clusteripam.app.diagnostics.PrometheusMetrics;
import dev.clusteripam.app.health.ProbeServer;
import dev.clusteripam.app.lifecycle.StartupException;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.controller.Provider;
import dev.clusteripam.controller.ProviderOptions;
import dev.clusteripam.controller.ProviderOptions.LeaderElection;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.core.overlap.Overlap;
import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.text.Excerpt;
import dev.clusteripam.webhook.allocations.AllocationsUnavailableException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code run} starts, in one place to start and stop: the client, the webhook (when
 * there is a certificate), the probe endpoints, the diagnostics endpoint with the metrics, and the
 * provider's reconcilers.
 */
final class RunningProvider implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningProvider.class);
    /** How long a start is tried again after failures that pass by themselves: as long as the provider's caches may take to sync. */
    static final Duration START_PATIENCE = Duration.ofMinutes(2);

    private final KubernetesClient client;
    private final PrometheusMetrics metrics = PrometheusMetrics.withJvmAndProcessMetrics();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set before the probe server starts, so its thread sees them. */
    private Optional<WebhookServing> webhook = Optional.empty();
    private Optional<ProbeServer> probes = Optional.empty();
    private Optional<DiagnosticsServer> diagnostics = Optional.empty();
    /** Set once the reconcilers run; read by the probe server's thread. */
    private volatile Optional<Provider> provider = Optional.empty();

    private RunningProvider(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Starts in the order that lets the kubelet see progress: the webhook first (a bad certificate
     * fails fast), then the probes (live at once, ready later), then the reconcilers, which return
     * once their caches are filled. Whatever started is stopped again when a later step fails.
     */
    static RunningProvider start(RunOptions options, LeaderElectionLease lease) throws StartupException {
        Optional<LeaderElection> leaderElection = options.leaderElect() ? Optional.of(lease.leaderElection()) : Optional.empty();
        RunningProvider running = new RunningProvider(KubernetesClients.connect(options.kubeconfig()));
        try {
            running.webhook = WebhookServing.startIfConfigured(options.webhook(), running::addressesOf, running::overlapsWith,
                    options.overlappingPools());
            running.probes = startProbes(options, running);
            running.diagnostics = startDiagnostics(options, running);
            ProviderOptions providerOptions = new ProviderOptions(options.namespace(), options.watchFilter(),
                    options.allocationMode().reconcileWorkers(options.maxConcurrentReconciles()), leaderElection,
                    options.allocationMode().strategy(), options.overlappingPools());
            running.provider = Optional.of(startProvider(running.client, providerOptions, ProviderMetrics.on(running.metrics.registry())));
        } catch (StartupException | RuntimeException e) {
            running.close();
            throw e;
        }
        LOG.info("provider started: namespace={} watchFilter={} maxConcurrentReconciles={} allocationMode={} leaderElection={}"
                + " overlappingPools={}",
                options.namespace().orElse("(all)"), options.watchFilter().orElse("(none)"),
                options.allocationMode().reconcileWorkers(options.maxConcurrentReconciles()), options.allocationMode().flagValue(),
                leaderElection.map(election -> election.leaseNamespace() + "/" + election.leaseName()).orElse("(off)"),
                options.overlappingPools().flagValue());
        return running;
    }

    private static Optional<ProbeServer> startProbes(RunOptions options, RunningProvider running) throws StartupException {
        if (options.healthProbeAddress().isEmpty()) {
            LOG.info("health probes not served: --health-probe-bind-address is 0");
            return Optional.empty();
        }
        BindAddress address = options.healthProbeAddress().get();
        try {
            return Optional.of(ProbeServer.start(address.socketAddress(), running::unmetReadinessChecks));
        } catch (IOException e) {
            throw new StartupException("--health-probe-bind-address " + address + ": cannot listen: " + e.getMessage(), e);
        }
    }

    private static Optional<DiagnosticsServer> startDiagnostics(RunOptions options, RunningProvider running) throws StartupException {
        if (options.diagnosticsAddress().isEmpty()) {
            LOG.info("diagnostics not served: --diagnostics-address is 0");
            return Optional.empty();
        }
        BindAddress address = options.diagnosticsAddress().get();
        try {
            return Optional.of(options.insecureDiagnostics()
                    ? DiagnosticsServer.startInsecure(address.socketAddress(), running.metrics::scrape)
                    : DiagnosticsServer.startSecure(address.socketAddress(), running.metrics::scrape, running.client));
        } catch (IOException e) {
            throw new StartupException("--diagnostics-address " + address + ": cannot listen: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new StartupException("--diagnostics-address " + address + ": no TLS certificate: " + e.getMessage(), e);
        }
    }

    /**
     * What the webhook asks for its update and delete checks, answered from the provider's own
     * IPAddress cache, so that one cache serves both; until the provider runs there is no answer.
     */
    private List<IPAddress> addressesOf(PoolIdentity pool) throws AllocationsUnavailableException {
        Optional<Provider> current = provider;
        if (current.isEmpty()) {
            throw new AllocationsUnavailableException("the provider is starting: its cache of IPAddresses is not loaded yet");
        }
        return current.get().addressesOf(pool);
    }

    /** What the webhook asks about a new or changed pool, answered from the provider's pool caches; no answer until they are loaded. */
    private List<Overlap<PoolIdentity>> overlapsWith(PoolIdentity pool, PoolAddressSet addresses) throws AllocationsUnavailableException {
        Optional<List<Overlap<PoolIdentity>>> answer = provider.flatMap(current -> current.overlapsWith(pool, addresses));
        if (answer.isEmpty()) {
            throw new AllocationsUnavailableException("the provider is starting: its cache of pools is not loaded yet");
        }
        return answer.get();
    }

    private static Provider startProvider(KubernetesClient client, ProviderOptions options, ProviderMetrics metrics)
            throws StartupException {
        return startRetryingPassingFailures(() -> Provider.start(client, options, metrics, RunningProvider::exitOnLostLease),
                START_PATIENCE, Thread::sleep, client.getMasterUrl().toString());
    }

    /** What waits between two attempts to start (tests pass one that does not). */
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * Starts, and starts again after a failure that passes by itself ({@link PassingStartFailures}),
     * until {@code patience} is spent; a failed attempt closed what it had started.
     */
    static <T> T startRetryingPassingFailures(Supplier<T> start, Duration patience, Pause pause, String server) throws StartupException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return start.get();
            } catch (RuntimeException e) {
                Optional<Duration> wait = PassingStartFailures.waitAfter(e, attempt);
                if (wait.isEmpty() || System.nanoTime() + wait.get().toNanos() - deadline > 0) {
                    throw new StartupException("the provider did not start against " + server + ": " + e.getMessage(), e);
                }
                LOG.warn("start failed for a reason that passes, starting again: attempt={} in={} ms server={} error=\"{}\"", attempt,
                        wait.get().toMillis(), server, Excerpt.of(String.valueOf(rootMessage(e))));
                try {
                    pause.sleep(wait.get().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StartupException("interrupted while waiting to start again against " + server, interrupted);
                }
            }
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /**
     * A replica that loses the lease while running exits, as controller-runtime's managers do, so
     * that its restart campaigns afresh instead of reconciling beside the new leader.
     */
    private static void exitOnLostLease() {
        LOG.error("exiting so that a restart campaigns again for the leader lease");
        System.exit(1);
    }

    /** What keeps {@code /readyz} from answering 200, one line each; empty when ready. */
    List<String> unmetReadinessChecks() {
        List<String> unmet = new ArrayList<>();
        Optional<Provider> current = provider;
        if (current.isEmpty()) {
            unmet.add("provider: starting");
        } else if (!current.get().isReady()) {
            unmet.add("provider: the informers are not yet connected and synced");
        }
        return unmet;
    }

    /** The port of the probe endpoints, when served. */
    Optional<Integer> probePort() {
        return probes.map(server -> server.address().getPort());
    }

    /** The port of the diagnostics endpoint, when served. */
    Optional<Integer> diagnosticsPort() {
        return diagnostics.map(server -> server.address().getPort());
    }

    /** The port of the webhook, when served. */
    Optional<Integer> webhookPort() {
        return webhook.map(WebhookServing::port);
    }

    /** Stops reconciling first, then the webhook, the diagnostics, the probes and the client; each even when another fails to stop. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<AutoCloseable> inStopOrder = new ArrayList<>();
        provider.ifPresent(inStopOrder::add);
        webhook.ifPresent(inStopOrder::add);
        diagnostics.ifPresent(inStopOrder::add);
        probes.ifPresent(inStopOrder::add);
        inStopOrder.add(metrics);
        inStopOrder.add(client);
        for (AutoCloseable part : inStopOrder) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping failed: part={} error=\"{}\"", part.getClass().getSimpleName(), e.toString(), e);
            }
        }
        LOG.info("provider stopped");
    }
}

package dev.clusteripam.app.run;

import dev.clusteripam.app.benchmark.AllocationMode;
import dev.clusteripam.core.overlap.OverlapPolicy;
import dev.clusteripam.app.cli.ExitCode;
import dev.clusteripam.app.lifecycle.StartupException;
import dev.clusteripam.app.lifecycle.UntilShutdown;
import dev.clusteripam.app.logging.LogLevel;
import dev.clusteripam.app.logging.LogSetup;
import dev.clusteripam.app.logging.LoggingOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Runs the provider against a cluster until the process is asked to stop. Takes upstream's manager
 * flags with upstream's names and defaults, so that a Deployment written for the Go provider runs
 * this one unchanged.
 */
@Command(
        name = RunCommand.NAME,
        description = {
            "Runs the provider against a cluster: serves IPAddressClaims of the four in-cluster pool kinds, and the"
                    + " admission webhook when --webhook-cert-dir holds a certificate. Stops cleanly on SIGTERM.",
            "Takes the upstream manager's flags (cluster-api-ipam-provider-in-cluster), so a Deployment's args keep working."},
        sortOptions = false,
        modelTransformer = IgnoredUpstreamFlags.class)
public final class RunCommand implements Callable<Integer> {

    public static final String NAME = "run";

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    private CommandSpec command;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The cluster to run against (its current context). Default: KUBECONFIG, ~/.kube/config, then the pod's service account.")
    private Optional<Path> kubeconfig;

    @Option(names = "--leader-elect", arity = "0..1", paramLabel = "BOOL", converter = GoBooleanConverter.class,
            description = "Reconcile only while holding the Lease " + LeaderElectionLease.NAME
                    + " (upstream's) in the pod's namespace; outside a pod, POD_NAMESPACE names it.")
    private boolean leaderElect;

    @Option(names = {"--health-probe-bind-address", "--health-addr"}, paramLabel = "[HOST]:PORT", defaultValue = ":8081",
            description = "Where /healthz and /readyz are served; 0 turns them off. Default: ${DEFAULT-VALUE}.")
    private String healthProbeBindAddress;

    @Option(names = {"--diagnostics-address", "--metrics-bind-addr", "--metrics-bind-address"}, paramLabel = "[HOST]:PORT",
            defaultValue = ":8443", description = "Where /metrics is served, over HTTPS to bearers of a token allowed to get"
                    + " /metrics (TokenReview and SubjectAccessReview); 0 turns it off. Default: ${DEFAULT-VALUE}.")
    private String diagnosticsAddress;

    @Option(names = "--insecure-diagnostics", arity = "0..1", paramLabel = "BOOL", converter = GoBooleanConverter.class,
            description = "Serve the diagnostics endpoint over plain HTTP, without authentication.")
    private boolean insecureDiagnostics;

    @Option(names = "--namespace", paramLabel = "NAMESPACE", defaultValue = "",
            description = "Serve the claims of this namespace only. Default: every namespace.")
    private String namespace;

    @Option(names = "--watch-filter", paramLabel = "VALUE", defaultValue = "",
            description = "Serve only claims labelled cluster.x-k8s.io/watch-filter=VALUE. Default: no filter.")
    private String watchFilter;

    @Option(names = "--webhook-port", paramLabel = "PORT", defaultValue = "9443",
            description = "The webhook's HTTPS port, on every interface; 0 serves no webhook. Default: ${DEFAULT-VALUE}.")
    private int webhookPort;

    // WebhookServerConfig.DEFAULT_CERT_DIR; an annotation needs the text.
    @Option(names = "--webhook-cert-dir", paramLabel = "DIR", defaultValue = "/tmp/k8s-webhook-server/serving-certs",
            description = "Where the webhook's certificate and key are (reread when they change); without a certificate"
                    + " no webhook is served. Default: ${DEFAULT-VALUE}.")
    private Path webhookCertDir;

    @Option(names = "--webhook-cert-name", paramLabel = "FILE", defaultValue = "tls.crt",
            description = "The PEM certificate chain in --webhook-cert-dir. Default: ${DEFAULT-VALUE}.")
    private String webhookCertName;

    @Option(names = "--webhook-key-name", paramLabel = "FILE", defaultValue = "tls.key",
            description = "The PEM private key in --webhook-cert-dir. Default: ${DEFAULT-VALUE}.")
    private String webhookKeyName;

    @Option(names = "--max-concurrent-reconciles", paramLabel = "N", defaultValue = "10",
            description = "How many claims are reconciled at once. Default: ${DEFAULT-VALUE}.")
    private int maxConcurrentReconciles;

    @Option(names = "--allocation-mode", paramLabel = "MODE", defaultValue = "index", hidden = true,
            description = "index (default), or upstream-scan: find addresses as the upstream provider does (list, scan, one worker),"
                    + " for the end-to-end benchmark's baseline.")
    private String allocationMode;

    @Option(names = "--overlapping-pools", paramLabel = "POLICY", defaultValue = "warn",
            description = "Pools that share addresses: warn (admission warning, Overlapping condition, metrics), refuse (admission"
                    + " refuses a pool that shares addresses with another) or exclusive (as warn, and an address handed out by one"
                    + " pool is never handed out by another). Default: ${DEFAULT-VALUE}.")
    private String overlappingPools;

    @Mixin
    private LoggingOptions logging;

    @Override
    public Integer call() throws InterruptedException {
        RunOptions options = options();
        LogSetup.apply(options.logging());
        CompatibilityNotices.log(options);
        RunningProvider running;
        try {
            running = RunningProvider.start(options, LeaderElectionLease.ofThisProcess());
        } catch (StartupException e) {
            LOG.error("cannot start: {}", e.getMessage());
            LOG.debug("cannot start", e);
            return ExitCode.CANNOT_START;
        }
        UntilShutdown.closing(running).await();
        return ExitCode.OK;
    }

    /**
     * The options the parsed flags ask for.
     *
     * @throws ParameterException for a value the flag's type accepts but its meaning does not
     */
    RunOptions options() {
        try {
            return new RunOptions(
                    kubeconfig,
                    leaderElect,
                    bindAddress("--health-probe-bind-address", healthProbeBindAddress),
                    bindAddress("--diagnostics-address", diagnosticsAddress),
                    insecureDiagnostics,
                    nonEmpty(namespace),
                    nonEmpty(watchFilter),
                    new WebhookOptions(webhookPort, webhookCertDir, webhookCertName, webhookKeyName),
                    maxConcurrentReconciles,
                    logging.settings(LogLevel.INFO),
                    IgnoredUpstreamFlags.used(command.commandLine().getParseResult()),
                    AllocationMode.parse(allocationMode),
                    overlapPolicy(overlappingPools));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    private static Optional<BindAddress> bindAddress(String flag, String text) {
        try {
            return BindAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value for option '" + flag + "': " + e.getMessage(), e);
        }
    }

    private static OverlapPolicy overlapPolicy(String text) {
        return Arrays.stream(OverlapPolicy.values()).filter(policy -> policy.flagValue().equals(text.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Invalid value for option '--overlapping-pools': " + text
                        + " (expected one of " + Arrays.stream(OverlapPolicy.values()).map(OverlapPolicy::flagValue)
                        .collect(Collectors.joining(", ")) + ")"));
    }

    /** Upstream's flags take "" for "not set". */
    private static Optional<String> nonEmpty(String text) {
        return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }
}

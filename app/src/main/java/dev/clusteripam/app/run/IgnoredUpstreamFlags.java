package dev.clusteripam.app.run;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Flags that Deployments of Cluster API providers pass and that only tune controller-runtime, klog
 * or the Go TLS stack: {@code run} accepts them so that existing {@code args} keep working, and
 * ignores them with one warning. Each is declared with its arity, so that {@code --sync-period 10m}
 * and {@code --sync-period=10m} both parse, and a value-less {@code --enable-contention-profiling}
 * does not swallow the next flag. A flag that is neither ours nor listed here is refused, as
 * upstream's manager refuses it.
 */
public final class IgnoredUpstreamFlags implements IModelTransformer {

    /** A boolean's value is optional, and only attached ({@code --logtostderr=false}) in Go. */
    private enum Takes { VALUE, OPTIONAL_BOOLEAN }

    /**
     * Sources: Cluster API's manager options ({@code util/flags}: TLS and the webhook certificate
     * Secret), the flags cluster-api-operator writes into a provider's Deployment (leader election
     * timings, sync period, profiler, verbosity, feature gates, webhook host, leader election ID),
     * the controller-runtime tuning flags common to Cluster API providers (API QPS and burst,
     * contention profiling) and klog's and Kubernetes' logging flags.
     */
    private static final Map<String, Takes> FLAGS = new TreeMap<>(Map.ofEntries(
            Map.entry("--tls-min-version", Takes.VALUE),
            Map.entry("--tls-cipher-suites", Takes.VALUE),
            Map.entry("--tls-curve-preferences", Takes.VALUE),
            Map.entry("--webhook-cert-secret-name", Takes.VALUE),
            Map.entry("--webhook-cert-secret-namespace", Takes.VALUE),
            Map.entry("--webhook-host", Takes.VALUE),
            Map.entry("--leader-election-id", Takes.VALUE),
            Map.entry("--leader-elect-lease-duration", Takes.VALUE),
            Map.entry("--leader-elect-renew-deadline", Takes.VALUE),
            Map.entry("--leader-elect-retry-period", Takes.VALUE),
            Map.entry("--sync-period", Takes.VALUE),
            Map.entry("--kube-api-qps", Takes.VALUE),
            Map.entry("--kube-api-burst", Takes.VALUE),
            Map.entry("--profiler-address", Takes.VALUE),
            Map.entry("--enable-contention-profiling", Takes.OPTIONAL_BOOLEAN),
            Map.entry("--feature-gates", Takes.VALUE),
            Map.entry("--v", Takes.VALUE),
            Map.entry("--vmodule", Takes.VALUE),
            Map.entry("--logging-format", Takes.VALUE),
            Map.entry("--log-flush-frequency", Takes.VALUE),
            Map.entry("--log-json-info-buffer-size", Takes.VALUE),
            Map.entry("--log-json-split-stream", Takes.OPTIONAL_BOOLEAN),
            Map.entry("--log-text-info-buffer-size", Takes.VALUE),
            Map.entry("--log-text-split-stream", Takes.OPTIONAL_BOOLEAN),
            Map.entry("--log-dir", Takes.VALUE),
            Map.entry("--log-file", Takes.VALUE),
            Map.entry("--log-file-max-size", Takes.VALUE),
            Map.entry("--logtostderr", Takes.OPTIONAL_BOOLEAN),
            Map.entry("--alsologtostderr", Takes.OPTIONAL_BOOLEAN),
            Map.entry("--stderrthreshold", Takes.VALUE),
            Map.entry("--add-dir-header", Takes.OPTIONAL_BOOLEAN),
            Map.entry("--skip-headers", Takes.OPTIONAL_BOOLEAN),
            Map.entry("--skip-log-headers", Takes.OPTIONAL_BOOLEAN),
            Map.entry("--one-output", Takes.OPTIONAL_BOOLEAN)));

    /** Every flag name accepted and ignored, in order. */
    static List<String> names() {
        return List.copyOf(FLAGS.keySet());
    }

    /** Adds each flag as a hidden option; the help lists them in one footer line instead. */
    @Override
    public CommandSpec transform(CommandSpec command) {
        FLAGS.forEach((name, takes) -> command.addOption(OptionSpec.builder(name)
                .arity(takes == Takes.VALUE ? "1" : "0..1")
                // Ignored, so any value will do; a bare flag gets "".
                .type(String.class)
                .hidden(true)
                .build()));
        command.usageMessage().footer(
                "",
                "Also accepted and ignored, with one warning, for Deployments written for the upstream manager: "
                        + String.join(", ", FLAGS.keySet()) + ".");
        return command;
    }

    /** The listed flags the command line used, each named once, in order. */
    static List<String> used(ParseResult parsed) {
        return parsed.matchedOptions().stream()
                .map(OptionSpec::longestName)
                .filter(FLAGS::containsKey)
                .distinct()
                .sorted()
                .toList();
    }
}

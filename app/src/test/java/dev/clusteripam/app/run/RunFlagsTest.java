package dev.clusteripam.app.run;

import dev.clusteripam.app.benchmark.AllocationMode;
import dev.clusteripam.core.overlap.OverlapPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.app.Main;
import dev.clusteripam.app.logging.LogFormat;
import dev.clusteripam.app.logging.LogLevel;
import dev.clusteripam.webhook.server.WebhookServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** {@code run}'s command line: a Deployment written for the upstream manager must start this one unchanged. */
class RunFlagsTest {

    /** Parses {@code run ARGS...} as the executable does, without running anything. */
    static RunOptions parse(String... args) {
        CommandLine commandLine = Main.commandLine();
        List<String> all = new ArrayList<>(List.of(RunCommand.NAME));
        all.addAll(List.of(args));
        ParseResult parsed = commandLine.parseArgs(all.toArray(String[]::new));
        RunCommand run = parsed.subcommand().commandSpec().commandLine().getCommand();
        return run.options();
    }

    /** Runs {@code run ARGS...} for a command line that must be refused before anything starts. */
    static Refusal refuse(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        List<String> all = new ArrayList<>(List.of(RunCommand.NAME));
        all.addAll(List.of(args));
        int exitCode = commandLine.execute(all.toArray(String[]::new));
        return new Refusal(exitCode, err.toString().lines().findFirst().orElse(""));
    }

    record Refusal(int exitCode, String firstLine) {
    }

    @Test
    void withoutFlagsItRunsAsUpstreamsManagerDoesByDefault() {
        RunOptions options = parse();

        assertThat(options.kubeconfig()).isEmpty();
        assertThat(options.leaderElect()).isFalse();
        assertThat(options.healthProbeAddress()).contains(new BindAddress(Optional.empty(), 8081));
        assertThat(options.diagnosticsAddress()).contains(new BindAddress(Optional.empty(), 8443));
        assertThat(options.insecureDiagnostics()).isFalse();
        assertThat(options.namespace()).isEmpty();
        assertThat(options.watchFilter()).isEmpty();
        assertThat(options.webhook()).isEqualTo(new WebhookOptions(WebhookServerConfig.DEFAULT_PORT,
                WebhookServerConfig.DEFAULT_CERT_DIR, WebhookServerConfig.DEFAULT_CERT_NAME, WebhookServerConfig.DEFAULT_KEY_NAME));
        assertThat(options.maxConcurrentReconciles()).isEqualTo(10);
        assertThat(options.logging().format()).isEqualTo(LogFormat.TEXT);
        assertThat(options.logging().level()).isEqualTo(LogLevel.INFO);
        assertThat(options.ignoredFlags()).isEmpty();
        assertThat(options.allocationMode()).isEqualTo(AllocationMode.INDEX);
    }

    /** Every flag of upstream's manager, and ours, each written as {@code --flag value} and as {@code --flag=value}. */
    static Stream<Arguments> everyFlagInBothForms() {
        List<Arguments> cases = new ArrayList<>();
        List<List<String>> flags = List.of(
                List.of("--kubeconfig", "/etc/kube/config"),
                List.of("--leader-elect", "true"),
                List.of("--health-probe-bind-address", "127.0.0.1:9081"),
                List.of("--health-addr", "127.0.0.1:9081"),
                List.of("--diagnostics-address", "127.0.0.1:9443"),
                List.of("--metrics-bind-addr", "127.0.0.1:9443"),
                List.of("--metrics-bind-address", "127.0.0.1:9443"),
                List.of("--insecure-diagnostics", "true"),
                List.of("--namespace", "capi-system"),
                List.of("--watch-filter", "team-a"),
                List.of("--webhook-port", "10443"),
                List.of("--webhook-cert-dir", "/certs"),
                List.of("--webhook-cert-name", "serving.crt"),
                List.of("--webhook-key-name", "serving.key"),
                List.of("--max-concurrent-reconciles", "3"),
                List.of("--log-format", "json"),
                List.of("--log-level", "debug"),
                List.of("--allocation-mode", "upstream-scan"));
        for (List<String> flag : flags) {
            cases.add(Arguments.of(flag.get(0), List.of(flag.get(0), flag.get(1))));
            cases.add(Arguments.of(flag.get(0), List.of(flag.get(0) + "=" + flag.get(1))));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyFlagInBothForms")
    void everyFlagIsTakenInBothForms(String flag, List<String> args) {
        RunOptions defaults = parse();

        RunOptions options = parse(args.toArray(String[]::new));

        assertThat(options).as("%s changes the options", flag).isNotEqualTo(defaults);
        assertThat(options.ignoredFlags()).isEmpty();
    }

    @Test
    void theUpstreamScanModeRunsOneWorkerWhateverTheFlagSays() {
        RunOptions options = parse("--allocation-mode=upstream-scan", "--max-concurrent-reconciles", "8");

        assertThat(options.allocationMode()).isEqualTo(AllocationMode.UPSTREAM_SCAN);
        assertThat(options.allocationMode().reconcileWorkers(options.maxConcurrentReconciles())).isEqualTo(1);
        assertThat(AllocationMode.INDEX.reconcileWorkers(8)).isEqualTo(8);
    }

    @Test
    void anUnknownAllocationModeIsRefused() {
        Refusal refusal = refuse("--allocation-mode", "random");

        assertThat(refusal.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(refusal.firstLine()).isEqualTo("Invalid value for option '--allocation-mode': random (expected one of index, upstream-scan)");
    }

    @Test
    void overlappingPoolsAreWarnedAboutUnlessTheFlagSaysOtherwise() {
        assertThat(parse().overlappingPools()).isEqualTo(OverlapPolicy.WARN);
        assertThat(parse("--overlapping-pools=refuse").overlappingPools()).isEqualTo(OverlapPolicy.REFUSE);
        assertThat(parse("--overlapping-pools", "exclusive").overlappingPools()).isEqualTo(OverlapPolicy.EXCLUSIVE);
        assertThat(refuse("--overlapping-pools", "ignore").firstLine())
                .isEqualTo("Invalid value for option '--overlapping-pools': ignore (expected one of warn, refuse, exclusive)");
    }

    @Test
    void eachFlagLandsWhereItBelongs() {
        RunOptions options = parse("--kubeconfig=/etc/kube/config", "--leader-elect", "--health-probe-bind-address", "[::1]:9081",
                "--metrics-bind-addr=:8080", "--insecure-diagnostics", "--namespace", "capi-system", "--watch-filter=team-a",
                "--webhook-port", "10443", "--webhook-cert-dir", "/certs", "--webhook-cert-name", "serving.crt",
                "--webhook-key-name=serving.key", "--max-concurrent-reconciles", "3", "--log-format", "JSON", "-v");

        assertThat(options.kubeconfig()).contains(Path.of("/etc/kube/config"));
        assertThat(options.leaderElect()).isTrue();
        assertThat(options.healthProbeAddress()).contains(new BindAddress(Optional.of("::1"), 9081));
        assertThat(options.diagnosticsAddress()).contains(new BindAddress(Optional.empty(), 8080));
        assertThat(options.insecureDiagnostics()).isTrue();
        assertThat(options.namespace()).contains("capi-system");
        assertThat(options.watchFilter()).contains("team-a");
        assertThat(options.webhook()).isEqualTo(new WebhookOptions(10443, Path.of("/certs"), "serving.crt", "serving.key"));
        assertThat(options.maxConcurrentReconciles()).isEqualTo(3);
        assertThat(options.logging().format()).isEqualTo(LogFormat.JSON);
        assertThat(options.logging().level()).isEqualTo(LogLevel.DEBUG);
    }

    @Nested
    class BooleanFlags {

        @Test
        void aBareBooleanFlagIsTrueAndDoesNotSwallowTheNextFlag() {
            RunOptions options = parse("--leader-elect", "--namespace", "capi-system");

            assertThat(options.leaderElect()).isTrue();
            assertThat(options.namespace()).contains("capi-system");
        }

        @Test
        void aBooleanFlagCanBeTurnedOffExplicitly() {
            assertThat(parse("--leader-elect=false").leaderElect()).isFalse();
            assertThat(parse("--leader-elect", "false").leaderElect()).isFalse();
            assertThat(parse("--insecure-diagnostics=false").insecureDiagnostics()).isFalse();
        }

        @Test
        void goSpellingsOfTrueAndFalseAreUnderstood() {
            assertThat(parse("--leader-elect=1").leaderElect()).isTrue();
            assertThat(parse("--leader-elect=T").leaderElect()).isTrue();
            assertThat(parse("--leader-elect=True").leaderElect()).isTrue();
            assertThat(parse("--leader-elect=0").leaderElect()).isFalse();
            assertThat(parse("--insecure-diagnostics=FALSE").insecureDiagnostics()).isFalse();
        }

        @Test
        void theLaterOccurrenceWinsAsWithGoFlags() {
            assertThat(parse("--leader-elect=true", "--leader-elect=false").leaderElect()).isFalse();
            assertThat(parse("--namespace", "a", "--namespace", "b").namespace()).contains("b");
        }
    }

    @Nested
    class UpstreamDefaultsThatMeanOff {

        @Test
        void anEmptyNamespaceOrWatchFilterMeansNone() {
            RunOptions options = parse("--namespace=", "--watch-filter", "");

            assertThat(options.namespace()).isEmpty();
            assertThat(options.watchFilter()).isEmpty();
        }

        @Test
        void zeroTurnsTheProbesOff() {
            assertThat(parse("--health-probe-bind-address=0").healthProbeAddress()).isEmpty();
        }

        @Test
        void webhookPortZeroMeansNoWebhook() {
            assertThat(parse("--webhook-port", "0").webhook().port()).isZero();
        }
    }

    @Nested
    class ControllerRuntimeTuningFlags {

        @Test
        void flagsWithValuesAreAcceptedInBothFormsAndNamedOnce() {
            RunOptions options = parse("--sync-period", "10m", "--v=4", "--leader-elect-lease-duration=15s",
                    "--leader-elect-renew-deadline", "10s", "--leader-elect-retry-period=2s", "--kube-api-qps", "20",
                    "--kube-api-burst=30", "--profiler-address", "localhost:6060", "--tls-min-version=VersionTLS13",
                    "--tls-cipher-suites", "TLS_AES_128_GCM_SHA256", "--logging-format=json", "--feature-gates", "A=true",
                    "--v", "2", "--leader-elect");

            assertThat(options.ignoredFlags()).containsExactly("--feature-gates", "--kube-api-burst", "--kube-api-qps",
                    "--leader-elect-lease-duration", "--leader-elect-renew-deadline", "--leader-elect-retry-period",
                    "--logging-format", "--profiler-address", "--sync-period", "--tls-cipher-suites", "--tls-min-version", "--v");
            assertThat(options.leaderElect()).isTrue();
        }

        @Test
        void aValuelessIgnoredFlagDoesNotSwallowTheNextFlag() {
            RunOptions options = parse("--enable-contention-profiling", "--namespace", "capi-system", "--logtostderr=false");

            assertThat(options.ignoredFlags()).containsExactly("--enable-contention-profiling", "--logtostderr");
            assertThat(options.namespace()).contains("capi-system");
        }

        @Test
        void everyListedFlagIsAccepted() {
            for (String flag : IgnoredUpstreamFlags.names()) {
                assertThat(parse(flag + "=1").ignoredFlags()).as(flag).containsExactly(flag);
            }
        }

        @Test
        void theHelpNamesThemWithoutCrowdingTheOptions() {
            StringWriter help = new StringWriter();
            CommandLine run = Main.commandLine().getSubcommands().get(RunCommand.NAME);
            run.usage(new PrintWriter(help, true));

            assertThat(help.toString()).contains("Also accepted and ignored").contains("--sync-period")
                    .doesNotContain("--sync-period=");
        }
    }

    @Nested
    class RefusedValues {

        @Test
        void aPortThatIsNotANumber() {
            Refusal refusal = refuse("--webhook-port", "https");

            assertThat(refusal.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(refusal.firstLine()).isEqualTo("Invalid value for option '--webhook-port': 'https' is not an int");
        }

        @Test
        void aPortOutOfRange() {
            Refusal refusal = refuse("--webhook-port=70000");

            assertThat(refusal.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(refusal.firstLine()).isEqualTo("--webhook-port must be in 0..65535 (0: no webhook), got 70000");
        }

        @Test
        void aBindAddressWithoutPort() {
            Refusal refusal = refuse("--health-probe-bind-address", "8081");

            assertThat(refusal.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(refusal.firstLine()).isEqualTo("Invalid value for option '--health-probe-bind-address': '8081' is not"
                    + " [host]:port (no port); for example :8081, 127.0.0.1:8081 or [::1]:8081, or 0 to turn it off");
        }

        @Test
        void aMetricsAddressThatIsNotOne() {
            Refusal refusal = refuse("--metrics-bind-addr=localhost:http");

            assertThat(refusal.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(refusal.firstLine()).startsWith("Invalid value for option '--diagnostics-address': 'localhost:http' is not [host]:port");
        }

        @Test
        void noReconcilesAtAll() {
            Refusal refusal = refuse("--max-concurrent-reconciles", "0");

            assertThat(refusal.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(refusal.firstLine()).isEqualTo("--max-concurrent-reconciles must be at least 1, got 0");
        }

        @Test
        void aBooleanThatIsNotOne() {
            Refusal refusal = refuse("--leader-elect=yes");

            assertThat(refusal.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(refusal.firstLine())
                    .isEqualTo("Invalid value for option '--leader-elect': 'yes' is not a boolean (1, t, true, 0, f, false)");
        }

        @Test
        void anUnknownLogFormat() {
            Refusal refusal = refuse("--log-format", "xml");

            assertThat(refusal.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(refusal.firstLine()).isEqualTo("Invalid value for option '--log-format': expected one of [TEXT, JSON]"
                    + " (case-insensitive) but was 'xml'");
        }

        @Test
        void bothLogLevelFlags() {
            Refusal refusal = refuse("--log-level", "info", "-v");

            assertThat(refusal.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(refusal.firstLine()).contains("mutually exclusive");
        }

        @Test
        void aFlagNeitherOursNorUpstreamsIsRefusedAsUpstreamRefusesIt() {
            Refusal refusal = refuse("--leader-elect-namespace=capi-system");

            assertThat(refusal.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(refusal.firstLine()).startsWith("Unknown option: '--leader-elect-namespace=capi-system'");
        }
    }
}

package dev.clusteripam.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.clusteripam.controlplane.ControlPlaneScript;
import dev.clusteripam.controlplane.ScriptedControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The end-to-end benchmark (issues 7 and 16): a fresh local control plane per mode (and per round
 * of the side-by-side workloads), the providers run as a user runs them (ours, and upstream's own
 * binary), the workloads, the write ceiling, in the same run; raw figures as JSON, a Markdown
 * fragment and an SVG plot. Exits non-zero when a correctness check fails.
 */
@Command(name = "bench/run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the end-to-end scale benchmark against a local kube-apiserver and etcd (hack/control-plane).")
public final class EndToEndBenchmark implements Callable<Integer> {

    /** The provider's default --max-concurrent-reconciles: the ceiling writes at the same concurrency. */
    static final int PROVIDER_CONCURRENCY = 10;
    /**
     * At most this many claims' writes measure one step's ceiling: the raw write rate hardly depends
     * on how many objects exist, and writing 40,000 more for the 50k step would cost the run ten
     * minutes for one figure. The step's inUseAfter says how many objects existed.
     */
    static final int CEILING_SAMPLE = 10_000;

    @Option(names = "--scale", paramLabel = "1k|10k|50k", defaultValue = "50k",
            description = "The largest Fill step: addresses in use in the IPv4 pool. Default: ${DEFAULT-VALUE}.")
    private String scale;

    @Option(names = "--quick", description = "A smoke run: Fill to 1k only, small batches, churn and bursts.")
    private boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Where results.json, e2e.md, e2e.svg and the logs go. Default: bench/target/e2e.")
    private Path out;

    @Option(names = "--modes", paramLabel = "MODE[,MODE]", split = ",", defaultValue = "index,upstream,upstream-scan",
            description = "index (ours), upstream (upstream's binary: IPv4 workloads) and/or upstream-scan (the imitation of upstream:"
                    + " ours with its list-and-scan and one worker, for the prefix pool upstream has not). Default: ${DEFAULT-VALUE}.")
    private List<String> modes;

    @Option(names = "--workloads", paramLabel = "KIND[,KIND]", split = ",", defaultValue = "side-by-side,scale",
            description = "side-by-side (cold start, one claim alone, claims at once into a fresh /24 and into many pools; rounds"
                    + " alternating ours and upstream), scale (Fill, Churn, Restart, Burst, IPv6) and/or seeded (per --seeded-steps:"
                    + " upstream-shaped claims and IPAddresses written with no provider running, then its start and one batch)."
                    + " Default: ${DEFAULT-VALUE}.")
    private List<String> workloads;

    @Option(names = "--seeded-steps", paramLabel = "N[,N]", split = ",", defaultValue = "10k,50k",
            description = "The seeded workload's steps: addresses in use after each (1k, 10k, 50k), each on a fresh control plane."
                    + " Default: ${DEFAULT-VALUE}.")
    private List<String> seededSteps;

    @Option(names = "--seeded-batch", paramLabel = "N", defaultValue = "500",
            description = "Claims created at once after the provider's start in each seeded step (the rest, but one, are seeded)."
                    + " Default: ${DEFAULT-VALUE}.")
    private int seededBatch;

    @Option(names = "--upstream-binary", paramLabel = "PATH",
            description = "Upstream's manager binary for the upstream mode (a newer build, say). Default: what hack/upstream-provider install"
                    + " builds from the Go module it pins.")
    private Path upstreamBinary;

    @Option(names = "--no-ceiling", description = "Skip the write ceiling (the raw-write baseline).")
    private boolean noCeiling;

    @Option(names = "--step-cap", paramLabel = "MINUTES", defaultValue = "10",
            description = "Stop a step after this long and report what it reached (the upstream mode's 50k). Default: ${DEFAULT-VALUE}.")
    private int stepCapMinutes;

    @Option(names = "--baseline-step-cap", paramLabel = "MINUTES", defaultValue = "10",
            description = "The step cap of upstream and its imitation. Default: ${DEFAULT-VALUE}.")
    private int baselineStepCapMinutes;

    @Option(names = "--ipv6", paramLabel = "N", defaultValue = "10000",
            description = "Addresses, and /64 prefixes, the IPv6 workload hands out (full runs). Default: ${DEFAULT-VALUE}.")
    private int ipv6Target;

    @Option(names = "--jfr", description = "Record each provider JVM with Java Flight Recorder and summarise what bounds it.")
    private boolean jfr;

    @Option(names = "--repo", paramLabel = "DIR", description = "The cluster-ipam checkout. Default: the working directory.")
    private Path repo;

    private final List<String> arguments;

    EndToEndBenchmark(List<String> arguments) {
        this.arguments = arguments;
    }

    public static void main(String[] args) {
        System.exit(commandLine(List.of(args)).execute(args));
    }

    static CommandLine commandLine(List<String> args) {
        return new CommandLine(new EndToEndBenchmark(args));
    }

    @Override
    public Integer call() throws Exception {
        Instant started = Instant.now();
        long startedNanos = System.nanoTime();
        Path root = (repo == null ? Path.of("") : repo).toAbsolutePath().normalize();
        Path dir = (out == null ? root.resolve("bench/target/e2e") : out).toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Duration stepCap = Duration.ofMinutes(stepCapMinutes);
        Duration baselineStepCap = Duration.ofMinutes(baselineStepCapMinutes);
        Plan plan = quick ? Plan.quick(stepCap, baselineStepCap) : Plan.full(parseScale(scale), ipv6Target, stepCap, baselineStepCap);
        List<Mode> runModes = modes.stream().map(Mode::parse).distinct().toList();
        boolean sideBySide = workloads.stream().map(String::strip).anyMatch("side-by-side"::equals);
        boolean scaleWorkloads = workloads.stream().map(String::strip).anyMatch("scale"::equals);
        boolean seeded = workloads.stream().map(String::strip).anyMatch("seeded"::equals);
        if (!sideBySide && !scaleWorkloads && !seeded) {
            throw new IllegalArgumentException("--workloads takes side-by-side, scale and/or seeded, not " + workloads);
        }
        List<Integer> seededTargets = seeded ? seededSteps.stream().map(EndToEndBenchmark::parseScale).toList() : List.of();
        if (seeded && (seededBatch < 1 || seededTargets.stream().anyMatch(target -> seededBatch >= target))) {
            throw new IllegalArgumentException("--seeded-batch takes at least 1 and less than every seeded step, not " + seededBatch);
        }
        Providers providers = Providers.of(root, Optional.ofNullable(upstreamBinary), runModes.contains(Mode.UPSTREAM));
        Machine machine = Machine.current();
        Progress.say("cluster-ipam end-to-end benchmark: workloads " + workloads + (scaleWorkloads ? ", fill " + plan.fillTargets() : "")
                + (seeded ? ", seeded steps " + seededTargets + " (batch " + seededBatch + ")" : "") + ", modes " + modes + ", results in " + dir);
        Progress.say("machine: " + machine);
        providers.upstreamBinary().ifPresent(binary -> Progress.say("upstream provider: " + binary));

        // The script's progress goes to a log beside the results; a failure quotes its last lines.
        ControlPlaneScript script = ControlPlaneScript.inCheckout(root, appendingTo(dir.resolve("control-plane.log")));
        script.install();
        List<HeadToHeadRound> rounds = sideBySide ? sideBySide(script, dir, plan, providers, runModes) : List.of();
        List<StepResult> ceiling = noCeiling || !scaleWorkloads ? List.of() : ceiling(script, dir, plan);
        List<ModeResult> results = new ArrayList<>();
        for (Mode mode : scaleWorkloads ? runModes : List.<Mode>of()) {
            Progress.say("[" + mode.label() + "] starting a fresh control plane");
            try (ScriptedControlPlane plane = freshControlPlane(script, dir.resolve("control-plane-" + mode.label()));
                    KubernetesClient client = tunedClient(plane.kubeconfig())) {
                results.add(ModeRun.scale(providers, dir, mode, plan, jfr, client, plane));
            }
        }
        List<SeededStep> seededResults = new ArrayList<>();
        for (int target : seededTargets) {
            for (Mode mode : runModes.stream().filter(mode -> mode != Mode.IMITATION).toList()) {
                Progress.say("[" + mode.label() + "] seeded " + label(target) + ": starting a fresh control plane");
                try (ScriptedControlPlane plane = freshControlPlane(script, dir.resolve("control-plane-" + mode.label() + "-seeded-" + label(target)));
                        KubernetesClient client = tunedClient(plane.kubeconfig())) {
                    seededResults.add(ModeRun.seeded(providers, dir, mode, plan, target, seededBatch, jfr, client, plane));
                }
            }
        }

        List<String> fillSteps = plan.fillTargets().stream().map(EndToEndBenchmark::label).toList();
        double wall = Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0;
        BenchReport report = new BenchReport(started.truncatedTo(ChronoUnit.SECONDS).toString(), wall,
                "bench/run " + String.join(" ", arguments), providers.upstreamBinary().map(Path::toString).orElse(null), machine,
                Machine.loadAverage(), ceiling, results, rounds, seededResults,
                BenchReport.judge(ceiling, results, rounds, seededResults, fillSteps));
        write(dir, report);

        Progress.say("targets:");
        report.targets().forEach(t -> Progress.say("  " + t.verdict() + ": " + t.target() + ": " + t.measured()));
        Progress.say("results: " + dir.resolve("results.json") + ", " + dir.resolve("e2e.md") + ", " + dir.resolve("e2e.svg"));
        if (!report.violations().isEmpty()) {
            report.violations().forEach(v -> System.err.println("VIOLATION " + v));
            return 1;
        }
        return 0;
    }

    /**
     * The side-by-side rounds: ours and upstream's binary (the imitation is no side here), each on a
     * fresh control plane, in alternating order round by round.
     */
    private static List<HeadToHeadRound> sideBySide(ControlPlaneScript script, Path dir, Plan plan, Providers providers, List<Mode> modes)
            throws IOException, InterruptedException {
        List<Mode> sides = modes.stream().filter(mode -> mode != Mode.IMITATION).toList();
        List<HeadToHeadRound> rounds = new ArrayList<>();
        for (int round = 1; round <= plan.rounds(); round++) {
            List<Mode> order = new ArrayList<>(sides);
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            for (Mode mode : order) {
                Progress.say("[" + mode.label() + "] side by side, round " + round + ": starting a fresh control plane");
                try (ScriptedControlPlane plane = freshControlPlane(script, dir.resolve("control-plane-" + mode.label() + "-round-" + round));
                        KubernetesClient client = tunedClient(plane.kubeconfig())) {
                    rounds.add(ModeRun.headToHead(providers, dir, mode, plan, round, client, plane));
                }
            }
        }
        return rounds;
    }

    /** A fresh control plane in {@code directory}, owned by the harness: should the harness die, it stops. */
    private static ScriptedControlPlane freshControlPlane(ControlPlaneScript script, Path directory) throws IOException {
        Files.createDirectories(directory);
        ScriptedControlPlane plane = new ScriptedControlPlane(script, directory);
        plane.start();
        return plane;
    }

    private static Consumer<String> appendingTo(Path log) {
        return line -> {
            try {
                Files.writeString(log, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("cannot write " + log + ": " + e.getMessage());
            }
        };
    }

    /** The raw write baseline on a control plane of its own, step by step as the Fill workload. */
    private static List<StepResult> ceiling(ControlPlaneScript script, Path dir, Plan plan) throws IOException, InterruptedException {
        Progress.say("[ceiling] starting a fresh control plane");
        List<StepResult> steps = new ArrayList<>();
        try (ScriptedControlPlane plane = freshControlPlane(script, dir.resolve("control-plane-ceiling"));
                KubernetesClient client = tunedClient(plane.kubeconfig())) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName("ceiling").endMetadata().build()).create();
            WriteCeiling ceiling = new WriteCeiling(client, "ceiling", PROVIDER_CONCURRENCY, Map.of(
                    "kube-apiserver", CpuTimes.controlPlanePid(plane.directory(), "kube-apiserver"),
                    "etcd", CpuTimes.controlPlanePid(plane.directory(), "etcd"),
                    "harness", ProcessHandle.current().pid()));
            int present = 0;
            for (int target : plan.fillTargets()) {
                int count = Math.min(target - present, CEILING_SAMPLE);
                present += count;
                StepResult step = ceiling.step(label(target), count, present, ModeRun.CREATOR_THREADS);
                steps.add(step);
                Progress.say(String.format(Locale.ROOT, "[ceiling] %d IPAddress creates and claim status applies at concurrency %d: %.1f s"
                        + " = %.1f claims/s, %s", count, PROVIDER_CONCURRENCY, step.seconds(), step.claimsPerSecond(), step.latency()));
            }
        }
        return steps;
    }

    /** A client that is not the bottleneck: many requests in flight, generous timeouts. */
    static KubernetesClient tunedClient(Path kubeconfig) {
        Config config = Config.fromKubeconfig(kubeconfig.toFile());
        config.setMaxConcurrentRequests(256);
        config.setMaxConcurrentRequestsPerHost(256);
        config.setRequestTimeout(120_000);
        config.setConnectionTimeout(10_000);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static void write(Path dir, BenchReport report) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve("results.json"), json.writeValueAsString(report));
        Files.writeString(dir.resolve("e2e.md"), MarkdownReport.render(report));
        Files.writeString(dir.resolve("e2e.svg"), plot(report));
    }

    private static String plot(BenchReport report) {
        List<SvgPlot.Series> throughput = new ArrayList<>();
        List<SvgPlot.Series> latency = new ArrayList<>();
        String[] colors = {"#1f77b4", "#d62728", "#2ca02c"};
        int color = 0;
        for (ModeResult mode : report.modes()) {
            List<double[]> cps = new ArrayList<>();
            List<double[]> p50 = new ArrayList<>();
            mode.steps().stream().filter(s -> s.workload().equals("fill-v4")).flatMap(s -> s.batches().stream()).forEach(b -> {
                cps.add(new double[] {b.inUseAfter(), b.claimsPerSecond()});
                p50.add(new double[] {b.inUseAfter(), b.p50Ms()});
            });
            if (cps.isEmpty()) {
                continue;
            }
            String name = Mode.describe(mode.mode());
            throughput.add(new SvgPlot.Series(name, colors[color % colors.length], true, cps));
            latency.add(new SvgPlot.Series(name + " p50", colors[color % colors.length], true, p50));
            color++;
        }
        if (!report.ceiling().isEmpty()) {
            throughput.add(new SvgPlot.Series("write ceiling", "#555555", false,
                    report.ceiling().stream().map(s -> new double[] {s.inUseAfter(), s.claimsPerSecond()}).toList()));
        }
        return SvgPlot.render("Fill of 10.0.0.0/16 in batches: per batch, against addresses in use", "addresses in use",
                "claims/s (log)", throughput, "median latency per claim, ms (log)", latency);
    }

    static int parseScale(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "1k" -> 1_000;
            case "10k" -> 10_000;
            case "50k" -> 50_000;
            default -> throw new IllegalArgumentException("--scale and --seeded-steps take 1k, 10k or 50k, not " + text);
        };
    }

    static String label(int count) {
        return count % 1000 == 0 ? (count / 1000) + "k" : Integer.toString(count);
    }
}

package dev.clusteripam.bench.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The Markdown fragment of a run: tables per workload, the ratios and the targets; pasted into docs/benchmarks.md. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(BenchReport report) {
        StringBuilder md = new StringBuilder();
        Machine m = report.machine();
        md.append(String.format(Locale.ROOT, "Run of %s, %.0f s wall time: `%s`%n%n", report.startedAt(), report.wallSeconds(), report.command()));
        md.append(String.format(Locale.ROOT, "- Machine: %d cores (%s), %.1f GiB RAM, %s%n- JVM: %s%n- Load average (1, 5, 15 min) at start: %s;"
                + " at end: %s%n", m.cores(), m.cpu(), m.memoryGiB(), m.kernel(), m.jvm(), m.loadAverageAtStart(), report.loadAverageAtEnd()));
        if (report.upstreamBinary() != null) {
            md.append("- Upstream's binary: `").append(report.upstreamBinary()).append("`\n");
        }
        md.append("- Modes: ").append(Arrays.stream(Mode.values()).map(mode -> "`" + mode.label() + "` " + mode.description())
                .collect(Collectors.joining("; "))).append("\n\n");

        md.append("### Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        report.targets().forEach(t -> md.append("| ").append(t.target()).append(" | ").append(t.measured().replace("|", "/"))
                .append(" | ").append(t.verdict()).append(" |\n"));
        md.append('\n');
        md.append(SideBySideReport.render(report.sideBySide()));
        md.append(seeded(report.seeded()));

        List<StepResult> all = new ArrayList<>(report.ceiling());
        report.modes().forEach(mode -> all.addAll(mode.steps()));
        Set<String> workloads = new LinkedHashSet<>();
        all.forEach(s -> workloads.add(s.workload()));
        for (String workload : workloads) {
            md.append("### ").append(title(workload)).append("\n\n");
            md.append("| step | mode | claims | in use after | claims/s | p50 ms | p99 ms | max ms | writes/claim | heap MiB | RSS MiB |\n");
            md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (StepResult s : all) {
                if (!s.workload().equals(workload)) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s%s | %s | %d | %d | %.1f | %.0f | %.0f | %.0f | %.2f | %s | %s |%n", s.step(),
                        s.capped() ? " (capped)" : "", s.mode(), s.claims(), s.inUseAfter(), s.claimsPerSecond(), s.latency().p50Ms(),
                        s.latency().p99Ms(), s.latency().maxMs(), s.writesPerClaimTotal(), number(s.heapAfterGcMiB()), number(s.rssMiB())));
            }
            all.stream().filter(s -> s.workload().equals(workload) && !s.counts().isEmpty())
                    .forEach(s -> md.append("\n").append(s.mode()).append(": ").append(s.counts()).append('\n'));
            md.append('\n');
        }

        if (report.modes().isEmpty()) {
            // Only the side-by-side rounds or the seeded steps ran: every section below is of the scale workloads.
            return md.toString();
        }
        md.append("### Ratios\n\n| step | index / ceiling | index / upstream |\n|---|---:|---:|\n");
        for (StepResult s : report.modes().stream().filter(mode -> mode.mode().equals("index")).flatMap(mode -> mode.steps().stream()).toList()) {
            Optional<StepResult> ceiling = report.step("ceiling", s.workload(), s.step());
            Optional<StepResult> upstream = report.step("upstream", s.workload(), s.step());
            if (ceiling.isEmpty() && upstream.isEmpty()) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s %s | %s | %s |%n", s.workload(), s.step(),
                    ceiling.map(c -> String.format(Locale.ROOT, "%.2f", s.claimsPerSecond() / c.claimsPerSecond())).orElse("-"),
                    upstream.map(u -> String.format(Locale.ROOT, "%.1f%s", s.claimsPerSecond() / u.claimsPerSecond(),
                            u.capped() ? " (upstream capped)" : "")).orElse("-")));
        }
        md.append('\n');

        report.mode("index").map(ModeResult::restart).filter(r -> r != null).ifPresent(r -> md.append(String.format(Locale.ROOT,
                "### Restart%n%n| IPAddresses present | to /readyz | to first new claim | heap after GC | RSS |%n|---:|---:|---:|---:|---:|%n"
                        + "| %d | %.2f s | %.2f s | %.1f MiB | %.1f MiB |%n%nCPU seconds from the start to the first new claim: %s%s%n%n",
                r.addressesPresent(), r.secondsToReady(), r.secondsToFirstClaim(), r.heapAfterGcMiB(), r.rssMiB(), r.cpuSecondsToFirstClaim(),
                SideBySideReport.threads(r.providerThreadCpuSeconds()))));

        md.append("### Writes per claim by verb and resource (provider's, Fill), requests and CPU per claim\n\n");
        for (StepResult s : report.ceiling()) {
            md.append("- ceiling ").append(s.step()).append(": ").append(s.writesPerClaim()).append("; CPU ms per claim: ")
                    .append(s.cpuMsPerClaim()).append('\n');
        }
        for (ModeResult mode : report.modes()) {
            for (StepResult s : mode.steps()) {
                if (s.workload().equals("fill-v4")) {
                    md.append("- ").append(mode.mode()).append(' ').append(s.step()).append(": ").append(s.writesPerClaim())
                            .append("; all requests by verb: ").append(s.requestsPerClaim()).append("; CPU ms per claim: ")
                            .append(s.cpuMsPerClaim()).append('\n');
                }
            }
        }
        md.append('\n');
        for (ModeResult mode : report.modes()) {
            mode.profiles().forEach((process, profile) -> md.append("Flight recording of ").append(process).append(":\n\n```\n")
                    .append(profile).append("```\n\n"));
        }
        return md.toString();
    }

    /** Per seeded step, a table of its figures with a column per mode. */
    private static String seeded(List<SeededStep> steps) {
        StringBuilder md = new StringBuilder();
        Set<String> labels = new LinkedHashSet<>();
        steps.forEach(s -> labels.add(s.step()));
        for (String label : labels) {
            List<SeededStep> columns = steps.stream().filter(s -> s.step().equals(label)).toList();
            md.append("### Seeded ").append(label).append(": upstream-shaped state written with no provider running, its start, then one batch\n\n|");
            columns.forEach(c -> md.append(" | ").append(c.mode()));
            md.append(" |\n|---");
            columns.forEach(c -> md.append("|---:"));
            md.append("|\n");
            row(md, "claims seeded (3 writes each), claims/s of the seeding", columns,
                    c -> String.format(Locale.ROOT, "%d, %.0f", c.seededClaims(), c.seedClaimsPerSecond()));
            startRows(md, "ours' first start, on upstream's state: ", columns, SeededStep::takeover);
            startRows(md, "", columns, SeededStep::restart);
            row(md, "batch: claims, claims/s", columns, c -> c.batch() == null ? "-"
                    : String.format(Locale.ROOT, "%d, %.1f", c.batch().claims(), c.batch().claimsPerSecond()));
            row(md, "batch: p50 / p99 / max, ms", columns, c -> c.batch() == null ? "-" : String.format(Locale.ROOT, "%.0f / %.0f / %.0f",
                    c.batch().latency().p50Ms(), c.batch().latency().p99Ms(), c.batch().latency().maxMs()));
            row(md, "batch: writes per claim", columns, c -> c.batch() == null ? "-" : String.format(Locale.ROOT, "%.2f", c.batch().writesPerClaimTotal()));
            row(md, "batch: CPU ms per claim, provider / kube-apiserver / etcd", columns, c -> c.batch() == null ? "-"
                    : String.format(Locale.ROOT, "%s / %s / %s", number(c.batch().cpuMsPerClaim().get("provider")),
                            number(c.batch().cpuMsPerClaim().get("kube-apiserver")), number(c.batch().cpuMsPerClaim().get("etcd"))));
            row(md, "heap after a full GC / RSS after the batch, MiB", columns, c -> c.batch() == null ? "-"
                    : number(c.batch().heapAfterGcMiB()) + " / " + number(c.batch().rssMiB()));
            row(md, "seeded claims / IPAddresses the provider rewrote", columns, c -> c.seededClaimsRewritten() == null ? "-"
                    : c.seededClaimsRewritten() + " / " + c.seededAddressesRewritten());
            row(md, "seeded claims with an entry in our ledger", columns, c -> c.seededInLedger() == null ? "-" : Long.toString(c.seededInLedger()));
            row(md, "violations (seeded and new claims)", columns, c -> c.violations().isEmpty() ? "none" : c.violations().size() + ": "
                    + c.violations().get(0).replace("|", "/"));
            md.append('\n');
            for (SeededStep c : columns) {
                md.append("- ").append(c.mode()).append(":");
                if (c.takeover() != null) {
                    md.append(" writes at the first start ").append(c.takeover().writes()).append("; its CPU s to the new claim ")
                            .append(c.takeover().times().cpuSecondsToFirstClaim())
                            .append(SideBySideReport.threads(c.takeover().times().providerThreadCpuSeconds())).append(";");
                }
                if (c.restart() != null) {
                    md.append(" writes at the start the batch follows ").append(c.restart().writes()).append("; its CPU s to the new claim ")
                            .append(c.restart().times().cpuSecondsToFirstClaim())
                            .append(SideBySideReport.threads(c.restart().times().providerThreadCpuSeconds())).append(";");
                }
                md.append(" batch writes per claim ").append(c.batch() == null ? "-" : c.batch().writesPerClaim()).append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** The figures of one start, {@code prefix} naming which; "-" in a column without it. */
    private static void startRows(StringBuilder md, String prefix, List<SeededStep> columns, Function<SeededStep, SeededStep.Start> start) {
        if (columns.stream().allMatch(c -> start.apply(c) == null)) {
            return;
        }
        Function<Function<SeededStep.Start, String>, Function<SeededStep, String>> cell =
                figure -> c -> start.apply(c) == null ? "-" : figure.apply(start.apply(c));
        row(md, prefix + "start to `/readyz`, s", columns, cell.apply(s -> String.format(Locale.ROOT, "%.2f", s.times().secondsToReady())));
        row(md, prefix + "start to the claim created while none ran served, s", columns,
                cell.apply(s -> String.format(Locale.ROOT, s.capped() ? "> %.0f (not served: the step ends here)" : "%.2f",
                        s.times().secondsToFirstClaim())));
        row(md, prefix + "heap after a full GC / RSS then, MiB", columns,
                cell.apply(s -> number(s.times().heapAfterGcMiB()) + " / " + number(s.times().rssMiB())));
        row(md, prefix + "writes until none for 3 s (s after the start)", columns,
                cell.apply(s -> String.format(Locale.ROOT, s.capped() ? "%.0f (still going after %.0f s)" : "%.0f (%.1f s)", s.writesTotal(),
                        s.settleSeconds())));
    }

    private static void row(StringBuilder md, String name, List<SeededStep> columns, Function<SeededStep, String> cell) {
        md.append("| ").append(name);
        columns.forEach(c -> md.append(" | ").append(cell.apply(c)));
        md.append(" |\n");
    }

    private static String title(String workload) {
        return switch (workload) {
            case "fill-v4" -> "Fill: one IPv4 pool 10.0.0.0/16";
            case "churn" -> "Churn";
            case "burst" -> "Burst: claims created at once across pools of both families";
            case "ipv6" -> "IPv6: fd00::/64 addresses and /64 prefixes from fd01::/48";
            default -> workload;
        };
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}

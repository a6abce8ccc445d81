package dev.clusteripam.bench.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
            // Only the side-by-side rounds ran: every section below is of the scale workloads.
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
                        + "| %d | %.2f s | %.2f s | %.1f MiB | %.1f MiB |%n%n", r.addressesPresent(), r.secondsToReady(), r.secondsToFirstClaim(),
                r.heapAfterGcMiB(), r.rssMiB())));

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

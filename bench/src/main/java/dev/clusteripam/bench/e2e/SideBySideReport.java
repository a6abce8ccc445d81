package dev.clusteripam.bench.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The Markdown of the side-by-side rounds: each figure per round and its median, then CPU, writes and memory per step. */
final class SideBySideReport {

    private SideBySideReport() {
    }

    static String render(List<HeadToHeadRound> rounds) {
        if (rounds.isEmpty()) {
            return "";
        }
        SideBySide figures = new SideBySide(rounds);
        Set<String> modes = new LinkedHashSet<>();
        rounds.forEach(r -> modes.add(r.mode()));
        int count = rounds.stream().mapToInt(HeadToHeadRound::round).max().orElse(0);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "### Side by side: %d round(s), the modes' order alternating, a fresh control plane each%n%n",
                count));
        md.append("Order: ").append(rounds.stream().map(r -> r.mode() + " " + r.round()).collect(Collectors.joining(", "))).append("\n\n");
        md.append("| figure | mode |");
        for (int round = 1; round <= count; round++) {
            md.append(" round ").append(round).append(" |");
        }
        md.append(" median |\n|---|---|").append("---:|".repeat(count + 1)).append('\n');
        for (String mode : modes) {
            row(md, "start to /readyz, s", mode, figures.secondsToReady(mode));
            row(md, "start to the first claim served, s", mode, figures.secondsToFirstClaim(mode));
            stepRows(md, figures, mode, "alone", "one claim alone", s -> s.latency().p50Ms(), "p50 ms");
            stepRows(md, figures, mode, "alone", "one claim alone", s -> s.latency().p99Ms(), "p99 ms");
            stepRows(md, figures, mode, "at-once", "claims at once into a fresh /24", StepResult::seconds, "s to all served");
            stepRows(md, figures, mode, "many-pools", "claims at once into many pools", StepResult::seconds, "s to all served");
        }
        md.append("\nCPU ms per claim by process, API writes per claim, provider memory at the end of each step:\n\n");
        List<HeadToHeadRound> ordered = new ArrayList<>(rounds);
        ordered.sort(Comparator.comparing(HeadToHeadRound::mode).thenComparing(HeadToHeadRound::round));
        for (HeadToHeadRound round : ordered) {
            if (round.coldStart() != null) {
                md.append(String.format(Locale.ROOT, "- %s round %d, cold start to the first claim: CPU s %s%s%n", round.mode(), round.round(),
                        round.coldStart().cpuSecondsToFirstClaim(), threads(round.coldStart().providerThreadCpuSeconds())));
            }
            for (StepResult s : round.steps()) {
                md.append(String.format(Locale.ROOT, "- %s round %d, %s: CPU %s%s; writes %.2f; RSS %.1f MiB%s%n", round.mode(), round.round(),
                        s.step(), s.cpuMsPerClaim(), threads(s.providerThreadCpuMsPerClaim()), s.writesPerClaimTotal(), s.rssMiB(),
                        s.heapAfterGcMiB() == null ? "" : String.format(Locale.ROOT, ", heap after GC %.1f MiB", s.heapAfterGcMiB())));
            }
        }
        md.append('\n');
        return md.toString();
    }

    /** The provider's CPU by kind of thread (ours), or nothing. */
    static String threads(Map<String, Double> byThread) {
        return byThread == null || byThread.isEmpty() ? "" : " (provider by thread: " + byThread + ")";
    }

    private static void stepRows(StringBuilder md, SideBySide figures, String mode, String workload, String title,
            Function<StepResult, Double> figure, String unit) {
        String step = figures.rounds().stream().filter(r -> r.mode().equals(mode)).flatMap(r -> SideBySide.step(r, workload).stream())
                .map(StepResult::step).findFirst().orElse(title);
        row(md, step + ": " + unit, mode, figures.ofStep(mode, workload, figure));
    }

    private static void row(StringBuilder md, String figure, String mode, List<Double> values) {
        md.append("| ").append(figure).append(" | ").append(mode).append(" |");
        values.forEach(v -> md.append(String.format(Locale.ROOT, " %.2f |", v)));
        md.append(SideBySide.median(values).map(m -> String.format(Locale.ROOT, " **%.2f** |", m)).orElse(" - |")).append('\n');
    }
}

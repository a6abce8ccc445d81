package dev.clusteripam.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The run's figures, as written to results.json; the targets of the issue are judged from them.
 *
 * @param upstreamBinary the upstream provider's binary the upstream mode ran; null without that mode
 * @param ceiling the write ceiling per Fill step (empty when not measured)
 * @param modes the scale workloads per mode
 * @param sideBySide the side-by-side rounds, in the order they ran
 * @param seeded the seeded steps, per mode and step in the order they ran
 */
record BenchReport(String startedAt, double wallSeconds, String command, String upstreamBinary, Machine machine, String loadAverageAtEnd,
        List<StepResult> ceiling, List<ModeResult> modes, List<HeadToHeadRound> sideBySide, List<SeededStep> seeded, List<Target> targets) {

    // Issue 16's targets: a success writes no event (refusals still do), and a restart must not keep new claims waiting.
    static final int HEAP_LIMIT_MIB = 256;
    static final double WRITES_PER_CLAIM_LIMIT = 3.4;
    static final int READY_AFTER_RESTART_LIMIT_S = 5;
    static final int FIRST_CLAIM_AFTER_RESTART_LIMIT_S = 8;

    Optional<StepResult> step(String mode, String workload, String step) {
        List<StepResult> from = mode.equals("ceiling") ? ceiling
                : modes.stream().filter(m -> m.mode().equals(mode)).findFirst().map(ModeResult::steps).orElse(List.of());
        return from.stream().filter(s -> s.workload().equals(workload) && s.step().equals(step)).findFirst();
    }

    Optional<ModeResult> mode(String mode) {
        return modes.stream().filter(m -> m.mode().equals(mode)).findFirst();
    }

    List<String> violations() {
        List<String> all = new ArrayList<>();
        modes.forEach(m -> m.violations().forEach(v -> all.add(m.mode() + ": " + v)));
        sideBySide.forEach(r -> r.violations().forEach(v -> all.add(r.mode() + " round " + r.round() + ": " + v)));
        seeded.forEach(s -> s.violations().forEach(v -> all.add(s.mode() + " seeded " + s.step() + ": " + v)));
        return all;
    }

    /** The targets, judged from the figures. */
    static List<Target> judge(List<StepResult> ceiling, List<ModeResult> modes, List<HeadToHeadRound> rounds, List<SeededStep> seeded,
            List<String> fillSteps) {
        BenchReport figures = new BenchReport("", 0, "", null, null, "", ceiling, modes, rounds, seeded, List.of());
        List<Target> targets = new ArrayList<>();
        String first = fillSteps.get(0);
        String last = fillSteps.get(fillSteps.size() - 1);
        Optional<StepResult> indexFirst = figures.step("index", "fill-v4", first);
        Optional<StepResult> indexLast = figures.step("index", "fill-v4", last);

        if (indexFirst.isPresent() && indexLast.isPresent() && !first.equals(last)) {
            double ratio = indexFirst.get().claimsPerSecond() / indexLast.get().claimsPerSecond();
            targets.add(new Target("claims/s at " + last + " in use within 1.5x of claims/s at " + first,
                    String.format("%.1f claims/s at %s, %.1f at %s: %.2fx", indexFirst.get().claimsPerSecond(), first,
                            indexLast.get().claimsPerSecond(), last, ratio), ratio <= 1.5));
        } else {
            targets.add(new Target("claims/s at 50k in use within 1.5x of claims/s at 1k", "only one Fill step in this run", null));
        }

        List<String> fractions = new ArrayList<>();
        boolean allHalf = true;
        boolean anyCeiling = false;
        for (String step : fillSteps) {
            Optional<StepResult> ours = figures.step("index", "fill-v4", step);
            Optional<StepResult> raw = figures.step("ceiling", "fill-v4", step);
            if (ours.isPresent() && raw.isPresent()) {
                anyCeiling = true;
                double fraction = ours.get().claimsPerSecond() / raw.get().claimsPerSecond();
                allHalf &= fraction >= 0.5;
                fractions.add(String.format("%s: %.1f of %.1f claims/s = %.0f%%", step, ours.get().claimsPerSecond(),
                        raw.get().claimsPerSecond(), 100 * fraction));
            }
        }
        targets.add(new Target("claims/s at least 50% of the write ceiling", anyCeiling ? String.join("; ", fractions) : "no ceiling measured",
                anyCeiling ? allHalf : null));

        List<String> againstUpstream = new ArrayList<>();
        boolean allAhead = true;
        for (String step : fillSteps) {
            Optional<StepResult> ours = figures.step("index", "fill-v4", step);
            Optional<StepResult> theirs = figures.step("upstream", "fill-v4", step);
            if (ours.isPresent() && theirs.isPresent()) {
                allAhead &= ours.get().claimsPerSecond() >= theirs.get().claimsPerSecond();
                againstUpstream.add(String.format("%s: %.1f vs %.1f claims/s%s", step, ours.get().claimsPerSecond(),
                        theirs.get().claimsPerSecond(), theirs.get().capped() ? " (upstream capped)" : ""));
            }
        }
        targets.add(new Target("claims/s at every Fill step at least upstream's (its binary)",
                againstUpstream.isEmpty() ? "no Fill step in both modes" : String.join("; ", againstUpstream),
                againstUpstream.isEmpty() ? null : allAhead));
        targets.addAll(sideBySideTargets(new SideBySide(rounds)));
        targets.addAll(seededTargets(seeded));

        double writes = 0;
        long claims = 0;
        Map<String, Double> breakdown = new TreeMap<>();
        for (String step : fillSteps) {
            Optional<StepResult> s = figures.step("index", "fill-v4", step);
            if (s.isPresent()) {
                writes += s.get().writesPerClaimTotal() * s.get().claims();
                claims += s.get().claims();
                long n = s.get().claims();
                s.get().writesPerClaim().forEach((k, v) -> breakdown.merge(k, v * n, Double::sum));
            }
        }
        if (claims > 0) {
            long total = claims;
            breakdown.replaceAll((k, v) -> ApiRequestCounts.round(v / total));
            double average = writes / claims;
            targets.add(new Target("at most " + WRITES_PER_CLAIM_LIMIT + " API writes per allocation on average",
                    String.format("%.2f (%s)", average, breakdown), average <= WRITES_PER_CLAIM_LIMIT));
        }

        Optional<ModeResult> index = figures.mode("index");
        if (indexLast.isPresent() && indexLast.get().heapAfterGcMiB() != null) {
            double heap = indexLast.get().heapAfterGcMiB();
            Optional<RestartResult> restart = index.map(ModeResult::restart).filter(r -> r != null);
            double worst = Math.max(heap, restart.map(RestartResult::heapAfterGcMiB).orElse(0.0));
            targets.add(new Target("provider heap at most " + HEAP_LIMIT_MIB + " MiB with 50k IPAddresses",
                    String.format("%.1f MiB after a full GC at %s in use (%.1f MiB after the restart)", heap, last,
                            restart.map(RestartResult::heapAfterGcMiB).orElse(Double.NaN)), last.equals("50k") ? worst <= HEAP_LIMIT_MIB : null));
        }
        index.map(ModeResult::restart).filter(r -> r != null).ifPresent(r -> {
            targets.add(new Target("restart to ready within " + READY_AFTER_RESTART_LIMIT_S + " s with 50k present",
                    String.format("%.2f s with %d IPAddresses", r.secondsToReady(), r.addressesPresent()),
                    r.addressesPresent() >= 50_000 ? r.secondsToReady() <= READY_AFTER_RESTART_LIMIT_S : null));
            targets.add(new Target("first new claim within " + FIRST_CLAIM_AFTER_RESTART_LIMIT_S + " s of the restart with 50k present",
                    String.format("%.2f s with %d IPAddresses", r.secondsToFirstClaim(), r.addressesPresent()),
                    r.addressesPresent() >= 50_000 ? r.secondsToFirstClaim() <= FIRST_CLAIM_AFTER_RESTART_LIMIT_S : null));
        });
        List<String> violations = figures.violations();
        targets.add(new Target("no duplicate, lost or leaked address in any workload",
                violations.isEmpty() ? "none found by the checks after each workload" : violations.size() + " violations: " + violations.get(0),
                violations.isEmpty()));
        return targets;
    }

    /** The seeded steps in both modes: ours at least upstream's claims/s and at most its p99, step by step. */
    private static List<Target> seededTargets(List<SeededStep> seeded) {
        List<String> measured = new ArrayList<>();
        boolean allAhead = true;
        for (SeededStep ours : seeded) {
            Optional<SeededStep> theirs = seeded.stream().filter(s -> s.mode().equals("upstream") && s.step().equals(ours.step())).findFirst();
            if (!ours.mode().equals("index") || ours.batch() == null || theirs.isEmpty() || theirs.get().batch() == null) {
                continue;
            }
            StepResult o = ours.batch();
            StepResult t = theirs.get().batch();
            allAhead &= o.claimsPerSecond() >= t.claimsPerSecond() && o.latency().p99Ms() <= t.latency().p99Ms();
            measured.add(String.format("%s: %.1f vs %.1f claims/s, p99 %.0f vs %.0f ms", ours.step(), o.claimsPerSecond(), t.claimsPerSecond(),
                    o.latency().p99Ms(), t.latency().p99Ms()));
        }
        if (measured.isEmpty()) {
            return List.of();
        }
        return List.of(new Target("seeded steps: claims/s at least upstream's and p99 at most upstream's", String.join("; ", measured),
                allAhead));
    }

    /** Issue 16's side-by-side targets, on the medians of the rounds. */
    private static List<Target> sideBySideTargets(SideBySide rounds) {
        List<Target> targets = new ArrayList<>();
        Optional<Double> ours = SideBySide.median(rounds.ofStep("index", "at-once", StepResult::seconds));
        Optional<Double> theirs = SideBySide.median(rounds.ofStep("upstream", "at-once", StepResult::seconds));
        String burst = "claims at once into a fresh /24 all served in at most 0.7x upstream's time (medians)";
        if (ours.isPresent() && theirs.isPresent()) {
            targets.add(new Target(burst, String.format("%.2f s vs %.2f s: %.2fx", ours.get(), theirs.get(), ours.get() / theirs.get()),
                    ours.get() <= 0.7 * theirs.get()));
        } else {
            targets.add(new Target(burst, "not run in both modes", null));
        }
        Optional<Double> ready = SideBySide.median(rounds.secondsToReady("index"));
        targets.add(new Target("start to /readyz within 1.5 s on an empty cluster (median)",
                ready.map(r -> String.format("%.2f s (upstream: %s)", r, SideBySide.median(rounds.secondsToReady("upstream"))
                        .map(u -> String.format("%.2f s", u)).orElse("not run"))).orElse("no cold start of ours"),
                ready.map(r -> r <= 1.5).orElse(null)));
        return targets;
    }
}

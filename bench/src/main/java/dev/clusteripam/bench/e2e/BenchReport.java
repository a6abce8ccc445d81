package dev.clusteripam.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The run's figures, as written to results.json; the targets of the issue are judged from them.
 *
 * @param ceiling the write ceiling per Fill step (empty when not measured)
 */
record BenchReport(String startedAt, double wallSeconds, String command, Machine machine, String loadAverageAtEnd,
        List<StepResult> ceiling, List<ModeResult> modes, List<Target> targets) {

    static final int HEAP_LIMIT_MIB = 256;

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
        return all;
    }

    /** The targets, judged from the figures. */
    static List<Target> judge(List<StepResult> ceiling, List<ModeResult> modes, List<String> fillSteps) {
        BenchReport figures = new BenchReport("", 0, "", null, "", ceiling, modes, List.of());
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

        Optional<StepResult> upstream10k = figures.step("upstream", "fill-v4", "10k");
        Optional<StepResult> index10k = figures.step("index", "fill-v4", "10k");
        if (upstream10k.isPresent() && index10k.isPresent() && !upstream10k.get().capped()) {
            double ratio = index10k.get().claimsPerSecond() / upstream10k.get().claimsPerSecond();
            targets.add(new Target("claims/s at least 10x the upstream-style mode at 10k in use",
                    String.format("%.1f vs %.1f claims/s: %.1fx", index10k.get().claimsPerSecond(), upstream10k.get().claimsPerSecond(), ratio),
                    ratio >= 10));
        } else {
            targets.add(new Target("claims/s at least 10x the upstream-style mode at 10k in use", "no complete 10k step in both modes", null));
        }

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
            targets.add(new Target("at most 3 API writes per allocation on average", String.format("%.2f (%s)", average, breakdown),
                    average <= 3.0));
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
            targets.add(new Target("restart to ready within 10 s with 50k present",
                    String.format("%.2f s with %d IPAddresses", r.secondsToReady(), r.addressesPresent()),
                    r.addressesPresent() >= 50_000 ? r.secondsToReady() <= 10 : null));
            targets.add(new Target("first new claim within 15 s of the restart with 50k present",
                    String.format("%.2f s with %d IPAddresses", r.secondsToFirstClaim(), r.addressesPresent()),
                    r.addressesPresent() >= 50_000 ? r.secondsToFirstClaim() <= 15 : null));
        });
        List<String> violations = new ArrayList<>();
        modes.forEach(m -> violations.addAll(m.violations()));
        targets.add(new Target("no duplicate, lost or leaked address in any workload",
                violations.isEmpty() ? "none found by the checks after each workload" : violations.size() + " violations: " + violations.get(0),
                violations.isEmpty()));
        return targets;
    }
}

package dev.clusteripam.bench.e2e;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The side-by-side rounds read per mode: one figure per round, and their median. */
record SideBySide(List<HeadToHeadRound> rounds) {

    /** Seconds from process start to {@code /readyz}, per round of {@code mode}. */
    List<Double> secondsToReady(String mode) {
        return ofRounds(mode, round -> Optional.ofNullable(round.coldStart()).map(RestartResult::secondsToReady).orElse(null));
    }

    /** Seconds from process start to the first claim served, per round of {@code mode}. */
    List<Double> secondsToFirstClaim(String mode) {
        return ofRounds(mode, round -> Optional.ofNullable(round.coldStart()).map(RestartResult::secondsToFirstClaim).orElse(null));
    }

    /** One figure of {@code workload}'s step, per round of {@code mode} that ran it. */
    List<Double> ofStep(String mode, String workload, Function<StepResult, Double> figure) {
        return ofRounds(mode, round -> step(round, workload).map(figure).orElse(null));
    }

    static Optional<StepResult> step(HeadToHeadRound round, String workload) {
        return round.steps().stream().filter(s -> s.workload().equals(workload)).findFirst();
    }

    private List<Double> ofRounds(String mode, Function<HeadToHeadRound, Double> figure) {
        return rounds.stream().filter(r -> r.mode().equals(mode)).map(figure).filter(Objects::nonNull).toList();
    }

    /** The median (the mean of the middle two for an even count); empty for no values. */
    static Optional<Double> median(List<Double> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return Optional.of(sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2);
    }
}

package dev.clusteripam.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SideBySideTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleValueAndOfAnEvenCountTheMeanOfTheMiddleTwo() {
        assertThat(SideBySide.median(List.of(8.5, 2.1, 3.6))).contains(3.6);
        assertThat(SideBySide.median(List.of(4.0, 1.0, 3.0, 2.0))).contains(2.5);
        assertThat(SideBySide.median(List.of())).isEmpty();
    }

    @Test
    void figuresAreReadPerModeAndRoundLeavingOutRoundsThatDidNotGetThatFar() {
        SideBySide rounds = new SideBySide(List.of(
                round("index", 1, 3.1, 5.0), round("upstream", 1, 0.5, 8.5),
                round("upstream", 2, 0.6, 8.0), new HeadToHeadRound("index", 2, null, List.of(), List.of("unserved"))));

        assertThat(rounds.secondsToReady("index")).containsExactly(3.1);
        assertThat(rounds.secondsToReady("upstream")).containsExactly(0.5, 0.6);
        assertThat(rounds.ofStep("upstream", "at-once", StepResult::seconds)).containsExactly(8.5, 8.0);
        assertThat(rounds.ofStep("index", "at-once", StepResult::seconds)).containsExactly(5.0);
    }

    private static HeadToHeadRound round(String mode, int round, double ready, double atOnceSeconds) {
        StepResult atOnce = new StepResult(mode, "at-once", "100 claims at once into a fresh /24", 100, 100, atOnceSeconds,
                100 / atOnceSeconds, new LatencySummary(1, 2, 3), Map.of(), Map.of(), 3, Map.of(), null, null, 20.0, false, List.of(), Map.of());
        return new HeadToHeadRound(mode, round, new RestartResult(0, ready, ready + 0.2, null, 20.0, Map.of(), null), List.of(atOnce), List.of());
    }
}

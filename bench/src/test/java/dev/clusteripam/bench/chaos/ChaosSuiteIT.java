package dev.clusteripam.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Scenarios of {@code bench/chaos --quick} as CI can afford them, through the command line, against
 * control planes and the provider's jar as a user runs it: a full pool that frees addresses, a grace
 * period across a kill -9, a kill -9 loop during a burst, poison objects of every kind and slow
 * webhook clients.
 */
class ChaosSuiteIT {

    @TempDir
    Path out;

    @Test
    void exhaustionThenReleaseAndTheGracePeriodAcrossACrashHoldAndAreReported() throws Exception {
        JsonNode report = runQuick("exhaustion-release", "grace-across-crash");

        JsonNode exhaustion = report.get("scenarios").get(0);
        assertThat(exhaustion.get("checks")).hasSize(3);
        assertThat(exhaustion.get("figures").get("secondsFromDeleteToWaitingServed").asDouble())
                .isLessThanOrEqualTo(ExhaustionThenRelease.SERVED_WITHIN.toSeconds());
        JsonNode grace = report.get("scenarios").get(1);
        assertThat(grace.get("figures").get("secondsFromDeletionToReuse").asLong())
                .isGreaterThanOrEqualTo(grace.get("figures").get("gracePeriodSeconds").asLong());
        assertThat(Files.readString(out.resolve("chaos.md"))).contains("2 of 2 scenarios passed");
    }

    @Test
    void killLoopPoisonAndSlowWebhookClientsHold() throws Exception {
        JsonNode report = runQuick("kill-loop", "poison", "slow-webhook-clients");

        assertThat(report.get("scenarios").get(0).get("figures").get("leakedLedgerEntriesRightAfterReady").asInt()).isZero();
        assertThat(Files.readString(out.resolve("chaos.md"))).contains("3 of 3 scenarios passed");
    }

    /** Runs {@code scenarios} through the command line with --quick; each must pass, and the exit status be 0. */
    private JsonNode runQuick(String... scenarios) throws IOException {
        Path repo = Path.of(System.getProperty("cluster-ipam.repo-root", "..")).toAbsolutePath().normalize();
        List<String> args = List.of("--quick", "--scenarios", String.join(",", scenarios), "--out", out.toString(),
                "--repo", repo.toString());

        int exit = new CommandLine(new ChaosCommand()).execute(args.toArray(String[]::new));

        JsonNode report = new ObjectMapper().readTree(out.resolve("chaos.json").toFile());
        assertThat(report.get("scenarios")).extracting(s -> s.get("name").asText() + " passed=" + s.get("passed").asBoolean())
                .as(Files.readString(out.resolve("chaos.md")))
                .containsExactly(List.of(scenarios).stream().map(name -> name + " passed=true").toArray(String[]::new));
        assertThat(exit).as("the suite's exit status").isZero();
        return report;
    }
}

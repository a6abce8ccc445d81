package dev.clusteripam.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ours against upstream's real binary, small: {@code bench/run --quick --workloads side-by-side
 * --modes index,upstream}. The binary comes from {@code hack/upstream-provider install} (Go builds it
 * once, then it is cached); when it cannot be built the harness fails with the script's reason, and
 * so does this test: it is never skipped. The figures are not judged (CI machines are noisy); that
 * both providers served every workload, that the checks passed and that the report was written, is.
 */
@Tag(EndToEndSmokeIT.TAG)
class SideBySideSmokeIT {

    @TempDir
    Path out;

    @Test
    void oursAndUpstreamsBinaryServeEverySideBySideWorkload() throws Exception {
        Path repo = Path.of(System.getProperty("cluster-ipam.repo-root", "..")).toAbsolutePath().normalize();
        List<String> args = List.of("--quick", "--workloads", "side-by-side", "--modes", "index,upstream", "--out", out.toString(),
                "--repo", repo.toString());

        int exit = EndToEndBenchmark.commandLine(args).execute(args.toArray(String[]::new));

        assertThat(exit).as("the harness's exit status (non-zero on a violation)").isZero();
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(Path.of(results.get("upstreamBinary").asText())).isExecutable();
        assertThat(results.get("modes")).as("no scale workloads were asked for").isEmpty();
        List<String> ran = new ArrayList<>();
        results.get("sideBySide").forEach(round -> {
            ran.add(round.get("mode").asText() + " " + round.get("round").asInt());
            assertThat(round.get("violations")).isEmpty();
            assertThat(round.get("coldStart").get("secondsToReady").asDouble()).isPositive();
            assertThat(round.get("coldStart").get("secondsToFirstClaim").asDouble())
                    .isGreaterThanOrEqualTo(round.get("coldStart").get("secondsToReady").asDouble() / 2);
            List<String> workloads = new ArrayList<>();
            round.get("steps").forEach(step -> {
                workloads.add(step.get("workload").asText() + " " + step.get("step").asText());
                assertThat(step.get("rssMiB").asDouble()).as(step.get("step").asText()).isPositive();
                assertThat(step.get("cpuMsPerClaim").has("provider")).as(step.get("step").asText()).isTrue();
            });
            assertThat(workloads).containsExactly("alone 1 claim alone x5", "at-once 100 claims at once into a fresh /24",
                    "many-pools 5 pools x 20 claims at once");
        });
        assertThat(ran).containsExactly("index 1", "upstream 1");
        JsonNode upstreamStep = results.get("sideBySide").get(1).get("steps").get(0);
        assertThat(upstreamStep.get("heapAfterGcMiB").isNull()).as("a Go process has no JVM heap to read").isTrue();
        assertThat(Files.readString(out.resolve("e2e.md"))).contains("### Side by side");
    }
}

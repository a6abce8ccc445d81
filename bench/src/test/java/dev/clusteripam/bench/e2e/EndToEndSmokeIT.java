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
 * The harness end to end, small: {@code bench/run --quick --workloads scale --modes index --no-ceiling} against a
 * fresh control plane and the provider's jar, as CI can afford it (about two minutes). The figures
 * are not judged here (a shared CI machine makes them noise); that the workloads ran, that every
 * correctness check passed, and that the report was written, is.
 */
@Tag(EndToEndSmokeIT.TAG)
class EndToEndSmokeIT {

    /** Leave it out with {@code -DexcludedGroups=e2e-smoke} (failsafe) or {@code -DskipITs}. */
    static final String TAG = "e2e-smoke";

    @TempDir
    Path out;

    @Test
    void aQuickRunServesEveryWorkloadWithoutAViolationAndWritesItsReport() throws Exception {
        Path repo = Path.of(System.getProperty("cluster-ipam.repo-root", "..")).toAbsolutePath().normalize();
        List<String> args = List.of("--quick", "--workloads", "scale", "--modes", "index", "--no-ceiling", "--out", out.toString(), "--repo", repo.toString());

        int exit = EndToEndBenchmark.commandLine(args).execute(args.toArray(String[]::new));

        assertThat(exit).as("the harness's exit status (non-zero on a violation)").isZero();
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode index = results.get("modes").get(0);
        assertThat(index.get("mode").asText()).isEqualTo("index");
        assertThat(index.get("violations")).isEmpty();
        List<String> workloads = new ArrayList<>();
        index.get("steps").forEach(step -> workloads.add(step.get("workload").asText() + " " + step.get("step").asText()));
        assertThat(workloads).containsExactly("fill-v4 1k", "churn delete and create 100 at 1k", "burst 200 claims across 20 pools",
                "ipv6 250 addresses", "ipv6 250 /64 prefixes");
        index.get("steps").forEach(step -> {
            assertThat(step.get("claimsPerSecond").asDouble()).as(step.get("step").asText()).isPositive();
            assertThat(step.get("writesPerClaimTotal").asDouble()).as(step.get("step").asText()).isPositive();
        });
        assertThat(index.get("restart").get("secondsToReady").asDouble()).isPositive();
        assertThat(Files.readString(out.resolve("e2e.svg"))).startsWith("<svg");
        assertThat(Files.readString(out.resolve("e2e.md"))).contains("### Targets");
    }
}

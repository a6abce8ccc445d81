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
 * The seeded steps, small: {@code bench/run --workloads seeded --seeded-steps 1k --seeded-batch 100
 * --modes index,upstream}. Upstream's binary as in {@link SideBySideSmokeIT} (v1.0.3; the state is
 * shaped as the v1.1 line leaves it). The figures are not
 * judged; that both providers took over the state written as upstream leaves it (ours twice), served
 * the batch, re-addressed no seeded claim and passed the check, is.
 */
@Tag(EndToEndSmokeIT.TAG)
class SeededSmokeIT {

    @TempDir
    Path out;

    @Test
    void bothProvidersTakeOverUpstreamShapedStateAndServeTheBatchWithoutAViolation() throws Exception {
        Path repo = Path.of(System.getProperty("cluster-ipam.repo-root", "..")).toAbsolutePath().normalize();
        List<String> args = List.of("--workloads", "seeded", "--seeded-steps", "1k", "--seeded-batch", "100", "--modes", "index,upstream",
                "--out", out.toString(), "--repo", repo.toString());

        int exit = EndToEndBenchmark.commandLine(args).execute(args.toArray(String[]::new));

        assertThat(exit).as("the harness's exit status (non-zero on a violation)").isZero();
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("modes")).as("no scale workloads were asked for").isEmpty();
        List<String> ran = new ArrayList<>();
        results.get("seeded").forEach(step -> {
            String mode = step.get("mode").asText();
            ran.add(mode + " " + step.get("step").asText());
            assertThat(step.get("violations")).as(mode).isEmpty();
            assertThat(step.get("seededClaims").asLong()).as(mode).isEqualTo(mode.equals("index") ? 898 : 899);
            assertThat(step.get("seedClaimsPerSecond").asDouble()).as(mode).isPositive();
            if (mode.equals("index")) {
                // Upstream's v1.0 line, which the test's binary is, rewrites the owner references the v1.1 line writes: not asserted.
                assertThat(step.get("seededAddressesRewritten").asLong()).as("ours keeps upstream's IPAddresses as they are").isZero();
            }
            assertThat(step.get("restart").get("times").get("addressesPresent").asLong()).as(mode).isGreaterThanOrEqualTo(898);
            assertThat(step.get("restart").get("times").get("secondsToFirstClaim").asDouble()).as(mode).isPositive();
            assertThat(step.get("takeover").isNull()).as(mode + ": only ours starts first on upstream's state").isEqualTo(mode.equals("upstream"));
            JsonNode batch = step.get("batch");
            assertThat(batch.get("claims").asLong()).as(mode).isEqualTo(100);
            assertThat(batch.get("inUseAfter").asLong()).as(mode).isEqualTo(1_000);
            assertThat(batch.get("claimsPerSecond").asDouble()).as(mode).isPositive();
            assertThat(batch.get("writesPerClaimTotal").asDouble()).as(mode).isPositive();
            assertThat(batch.get("cpuMsPerClaim").has("provider")).as(mode).isTrue();
        });
        assertThat(ran).containsExactly("index 1k", "upstream 1k");
        assertThat(results.get("seeded").get(0).get("seededInLedger").isNumber()).as("ours counts the seeded claims in its ledger").isTrue();
        assertThat(Files.readString(out.resolve("e2e.md"))).contains("### Seeded 1k");
    }
}

package dev.clusteripam.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/cluster-ipam} as a user does, from the repository root, against the shaded jar
 * that the package phase built (so the launcher does not build it again). Tagged so that surefire
 * leaves it out even when {@code -Dtest} names its package; failsafe runs it.
 */
@Tag(ClusterIpamLauncherIT.TAG)
class ClusterIpamLauncherIT {

    static final String TAG = "needs-executable-jar";


    private static final Path REPOSITORY = Path.of(System.getProperty("cluster-ipam.repo-root")).normalize();

    @TempDir
    Path directory;

    @Test
    void planPrintsTheFirstAddressesOfTheExampleIpv4Pool() throws Exception {
        Outcome outcome = launch("plan", "examples/pools/ipv4-pool.yaml", "--claims", "3");

        assertThat(outcome.exitCode()).as("exit code; stderr: %s", outcome.err()).isZero();
        assertThat(outcome.out().lines()).containsExactly("10.0.0.2", "10.0.0.3", "10.0.0.4");
    }

    @Test
    void validateRefusesTheInvalidExample() throws Exception {
        Outcome outcome = launch("validate", "examples/invalid/outside-prefix.yaml");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.out()).contains("spec.addresses[1]: Invalid value: \"10.2.0.5\"");
    }

    private record Outcome(int exitCode, String out, String err) {
    }

    private Outcome launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(REPOSITORY.resolve("bin/cluster-ipam").toString());
        command.addAll(List.of(args));
        // Files, not pipes: nothing can block on a full pipe while the test waits for the exit.
        Path out = directory.resolve("stdout");
        Path err = directory.resolve("stderr");
        Process process = new ProcessBuilder(command)
                .directory(REPOSITORY.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        int exitCode = process.waitFor();
        return new Outcome(exitCode, Files.readString(out), Files.readString(err));
    }
}

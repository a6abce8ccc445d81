package dev.clusteripam.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the repository's scripts and tools as a user would, and returns what they print. */
final class RepositoryScripts {

    /** hack/release and clusterctl finish in seconds; the first control-plane install on a machine builds for minutes. */
    private static final Duration TIMEOUT = Duration.ofMinutes(60);

    private RepositoryScripts() {
    }

    /** The checkout the build runs in; set by the pom. */
    static Path root() {
        String root = System.getProperty("cluster-ipam.repo-root");
        if (root == null) {
            throw new IllegalStateException("system property cluster-ipam.repo-root is not set; run the tests through Maven");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** The directory with the pinned kubectl and clusterctl ({@code hack/control-plane install}'s last line). */
    static Path toolsDirectory() {
        return Path.of(lastLine(run(Map.of(), root().resolve("hack/control-plane").toString(), "install")));
    }

    /** What a finished command printed: its exit code and both streams. */
    record Output(int exitCode, String stdout, String stderr) {

        List<String> stdoutLines() {
            return stdout.lines().toList();
        }
    }

    /** Runs {@code command} with {@code environment} added to ours; fails unless it exits 0. */
    static Output run(Map<String, String> environment, String... command) {
        Output output = runAllowingFailure(environment, command);
        if (output.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + output.exitCode()
                    + "\nstderr:\n" + output.stderr() + "\nstdout:\n" + output.stdout());
        }
        return output;
    }

    static Output runAllowingFailure(Map<String, String> environment, String... command) {
        try {
            // Files rather than pipes: no reader threads, and nothing is lost if the process is killed.
            Path stdout = Files.createTempFile("deploy-test-", ".out");
            Path stderr = Files.createTempFile("deploy-test-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(root().toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT);
                }
                return new Output(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    static String lastLine(Output output) {
        List<String> lines = output.stdoutLines();
        if (lines.isEmpty()) {
            throw new IllegalStateException("no output; stderr:\n" + output.stderr());
        }
        return lines.get(lines.size() - 1);
    }
}

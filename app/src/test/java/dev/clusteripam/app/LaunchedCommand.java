package dev.clusteripam.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/cluster-ipam} started as a user starts it, from the repository root, with its output in
 * files (nothing can block on a full pipe while a test waits). Closing kills it if it still runs,
 * so that a failed test leaves no process behind.
 */
final class LaunchedCommand implements AutoCloseable {

    static final Path REPOSITORY = Path.of(System.getProperty("cluster-ipam.repo-root")).toAbsolutePath().normalize();

    private final Process process;
    private final Path out;
    private final Path err;

    private LaunchedCommand(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static LaunchedCommand start(Path outputDirectory, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(REPOSITORY.resolve("bin/cluster-ipam").toString()));
        command.addAll(List.of(args));
        Path out = outputDirectory.resolve("stdout");
        Path err = outputDirectory.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(REPOSITORY.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        return new LaunchedCommand(builder.start(), out, err);
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    /** Sends SIGTERM, as the kubelet does and as Ctrl-C (SIGINT) is handled. */
    void terminate() {
        process.destroy();
    }

    /** The exit code, once it exits within {@code patience}; fails the test otherwise. */
    int awaitExit(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + patience + "; standard error:\n" + err());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.clusteripam.controlplane;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A checkout's {@code hack/control-plane} (docs/control-plane.md), whose output is its interface:
 * the result is the last line of standard output; progress and diagnostics go to standard error,
 * which this hands, line by line as they come, to a consumer of the caller's choice.
 */
public final class ControlPlaneScript {

    /** Where the script lives in a checkout. */
    public static final String PATH = "hack/control-plane";

    /** The first install on a machine compiles kube-apiserver, etcd, kubectl and clusterctl. */
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(60);

    /** The script bounds its own waits (about three minutes at most); this bounds the script. */
    private static final Duration START_STOP_TIMEOUT = Duration.ofMinutes(5);

    /** How long to wait for the last diagnostics once the script has exited. */
    private static final Duration STREAM_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    /** A failure quotes this much of the script's last diagnostics. */
    private static final int ERROR_TAIL_LINES = 20;

    private static final int ERROR_LINE_LENGTH = 300;

    private final Path checkout;
    private final Consumer<String> progress;
    /** The call under way, so that {@link #cancel} (from a shutdown hook, say) can end it. */
    private volatile Optional<Process> running = Optional.empty();

    private ControlPlaneScript(Path checkout, Consumer<String> progress) {
        this.checkout = checkout;
        this.progress = progress;
    }

    /** The script of {@code checkout}; its diagnostics go to {@code progress}. */
    public static ControlPlaneScript inCheckout(Path checkout, Consumer<String> progress) {
        return new ControlPlaneScript(checkout.toAbsolutePath(), progress);
    }

    /** The nearest directory at or above {@code start} that holds an executable script. */
    public static Optional<Path> findCheckout(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve(PATH))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** Makes kube-apiserver, etcd and kubectl available (building them the first time); returns their directory. */
    public Path install() throws ControlPlaneScriptException {
        return lastLine(run(INSTALL_TIMEOUT, Map.of(), "install"), "install");
    }

    /**
     * Starts a control plane with its state in {@code directory} and applies the CRDs; the script's
     * watchdog stops it when process {@code ownerPid} dies. Returns a cluster-admin kubeconfig.
     */
    public Path start(Path directory, long ownerPid) throws ControlPlaneScriptException {
        return lastLine(run(START_STOP_TIMEOUT, Map.of("CONTROL_PLANE_OWNER_PID", Long.toString(ownerPid)),
                "start", directory.toString()), "start");
    }

    /** Stops the control plane whose state is in {@code directory}. */
    public void stop(Path directory) throws ControlPlaneScriptException {
        run(START_STOP_TIMEOUT, Map.of(), "stop", directory.toString());
    }

    /** Ends the call under way, if any, with the processes it started. */
    public void cancel() {
        running.ifPresent(process -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        });
    }

    /** The script's result: the last line of its standard output. */
    private static Path lastLine(List<String> stdout, String subcommand) throws ControlPlaneScriptException {
        if (stdout.isEmpty()) {
            throw new ControlPlaneScriptException(PATH + " " + subcommand + " succeeded but printed no result");
        }
        return Path.of(stdout.get(stdout.size() - 1).strip());
    }

    /** Runs the script with {@code arguments}; returns its standard output, by line. */
    private List<String> run(Duration timeout, Map<String, String> environment, String... arguments)
            throws ControlPlaneScriptException {
        List<String> command = new ArrayList<>(List.of(checkout.resolve(PATH).toString()));
        command.addAll(List.of(arguments));
        String commandLine = String.join(" ", command);
        Path stdout = null;
        try {
            // A file, not a pipe: servers the script leaves running cannot hold it open.
            stdout = Files.createTempFile("cluster-ipam-control-plane-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(checkout.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            running = Optional.of(process);
            Deque<String> tail = new ArrayDeque<>();
            Thread stderr = forwardLines(process.getErrorStream(), tail);
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new ControlPlaneScriptException(commandLine + " did not finish within " + timeout.toMinutes() + " minutes");
            }
            stderr.join(STREAM_DRAIN_TIMEOUT.toMillis());
            if (process.exitValue() != 0) {
                throw new ControlPlaneScriptException(commandLine + " failed with exit code " + process.exitValue()
                        + "; its last messages:\n" + joined(tail));
            }
            return Files.readAllLines(stdout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneScriptException("interrupted while running " + commandLine, e);
        } catch (IOException e) {
            throw new ControlPlaneScriptException("cannot run " + commandLine + ": " + e.getMessage(), e);
        } finally {
            running = Optional.empty();
            deleteQuietly(stdout);
        }
    }

    /** Hands each line of {@code stream} to the progress consumer and keeps the last few in {@code tail}. */
    private Thread forwardLines(InputStream stream, Deque<String> tail) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> {
                    progress.accept(line);
                    synchronized (tail) {
                        tail.addLast(line.length() > ERROR_LINE_LENGTH ? line.substring(0, ERROR_LINE_LENGTH) + "…" : line);
                        if (tail.size() > ERROR_TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                progress.accept("lost the rest of the output of " + PATH + ": " + e.getMessage());
            }
        }, "control-plane-stderr");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static String joined(Deque<String> tail) {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A temporary file left behind is harmless; the script's own failure matters more.
            }
        }
    }
}

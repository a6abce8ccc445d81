package dev.clusteripam.testing.kube;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs the repository's {@code hack/control-plane} script, whose output is the interface. */
final class ControlPlaneScript {

    private static final Logger LOG = LoggerFactory.getLogger(ControlPlaneScript.class);

    static final String SCRIPT = "hack/control-plane";

    /** The first install on a machine compiles kube-apiserver, etcd, kubectl and clusterctl. */
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(60);

    /** The script bounds its own waits (about three minutes at most); this bounds the script. */
    private static final Duration START_STOP_TIMEOUT = Duration.ofMinutes(5);

    /** How long to wait for the last output once the script has exited. */
    private static final Duration STREAM_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private static final int ERROR_TAIL_LINES = 60;

    private final Path script;

    private ControlPlaneScript(Path script) {
        this.script = script;
    }

    /** The script of the repository that contains the working directory. */
    static ControlPlaneScript ofRepository() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SCRIPT);
            if (Files.isExecutable(candidate)) {
                return new ControlPlaneScript(candidate);
            }
        }
        throw new IllegalStateException(
                "no " + SCRIPT + " in " + start + " or above; run the tests inside the repository");
    }

    /** Makes the servers available (building them if needed); returns their directory. */
    Path install() {
        return lastLine(run(INSTALL_TIMEOUT, Map.of(), "install"));
    }

    /**
     * Starts a control plane with its state in {@code dir}; the watchdog stops it when {@code
     * ownerPid} dies. Returns the kubeconfig.
     */
    Path start(Path dir, long ownerPid) {
        return lastLine(
                run(
                        START_STOP_TIMEOUT,
                        Map.of("CONTROL_PLANE_OWNER_PID", Long.toString(ownerPid)),
                        "start",
                        dir.toString()));
    }

    void stop(Path dir) {
        run(START_STOP_TIMEOUT, Map.of(), "stop", dir.toString());
    }

    /** The script's result: the last line of its standard output. */
    private static Path lastLine(List<String> stdout) {
        if (stdout.isEmpty()) {
            throw new IllegalStateException(SCRIPT + " succeeded but printed no result");
        }
        return Path.of(stdout.get(stdout.size() - 1));
    }

    /**
     * Runs the script and returns its standard output. Its standard error (progress and
     * diagnostics) goes to the log as it comes.
     */
    private List<String> run(
            Duration timeout, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
        List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        Deque<String> stderrTail = new ArrayDeque<>();
        Thread stdoutReader =
                readLines("control-plane-stdout", process.getInputStream(), stdout::add);
        Thread stderrReader =
                readLines(
                        "control-plane-stderr",
                        process.getErrorStream(),
                        line -> {
                            LOG.info("{}", line);
                            synchronized (stderrTail) {
                                stderrTail.addLast(line);
                                if (stderrTail.size() > ERROR_TAIL_LINES) {
                                    stderrTail.removeFirst();
                                }
                            }
                        });
        try {
            // The script reads no input.
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeout);
            }
            stdoutReader.join(STREAM_DRAIN_TIMEOUT.toMillis());
            stderrReader.join(STREAM_DRAIN_TIMEOUT.toMillis());
            if (process.exitValue() != 0) {
                String tail;
                synchronized (stderrTail) {
                    tail = String.join("\n", stderrTail);
                }
                throw new IllegalStateException(
                        command
                                + " failed with exit code "
                                + process.exitValue()
                                + "; its last output:\n"
                                + tail);
            }
            synchronized (stdout) {
                return List.copyOf(stdout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IllegalStateException("interrupted while running " + command, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the input of " + command, e);
        }
    }

    /** Hands each line of {@code stream} to {@code consumer}, on a thread of its own. */
    private static Thread readLines(String name, InputStream stream, Consumer<String> consumer) {
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader lines =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    stream, StandardCharsets.UTF_8))) {
                                lines.lines().forEach(consumer);
                            } catch (IOException | UncheckedIOException e) {
                                LOG.warn("lost output of {}", SCRIPT, e);
                            }
                        },
                        name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}

package dev.clusteripam.app.dev;

import dev.clusteripam.app.lifecycle.StartupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * kube-apiserver and etcd on loopback, run by the checkout's {@code hack/control-plane} (see
 * docs/control-plane.md), whose last line of standard output is its result. Its progress goes to
 * this process's standard error as it comes. The script's watchdog stops the servers should this
 * process die without closing.
 */
final class LocalControlPlane implements AutoCloseable {

    /** The first install on a machine compiles kube-apiserver, etcd and kubectl from source. */
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(60);
    /** The script bounds its own waits (about three minutes at most); this bounds the script. */
    private static final Duration START_STOP_TIMEOUT = Duration.ofMinutes(5);

    private final Path script;
    private final Path directory;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** A start under way: cut short by closing, it may have left servers running. */
    private volatile boolean starting;
    private volatile boolean started;
    /** The script call under way, so that closing from a shutdown hook can end a start half-way. */
    private volatile Optional<Process> running = Optional.empty();

    /** @param directory where the servers keep their state, certificates, logs and pid files */
    LocalControlPlane(Path checkout, Path directory) {
        this.script = checkout.resolve(SourceCheckout.CONTROL_PLANE_SCRIPT);
        this.directory = directory;
    }

    /** Makes kube-apiserver, etcd and kubectl available (building them the first time); returns their directory. */
    Path install() throws StartupException {
        try {
            return Path.of(lastLine(run(INSTALL_TIMEOUT, Map.of(), "install"), "install"));
        } catch (IOException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    /** Starts the servers and installs the CRDs; returns the kubeconfig of a cluster-admin. */
    Path start() throws StartupException {
        starting = true;
        try {
            Path kubeconfig = Path.of(lastLine(run(START_STOP_TIMEOUT,
                    Map.of("CONTROL_PLANE_OWNER_PID", Long.toString(ProcessHandle.current().pid())), "start", directory.toString()), "start"));
            started = true;
            return kubeconfig;
        } catch (IOException e) {
            // A start that fails on its own stops what it started, or (servers of an earlier start
            // still running) starts nothing; stopping here could stop another session's servers.
            throw new StartupException(e.getMessage(), e);
        } finally {
            starting = false;
        }
    }

    Path directory() {
        return directory;
    }

    /**
     * Ends a script call under way, then stops the servers if they were started or their start was
     * cut short; only once. Should this process die first, the script's watchdog stops them.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean serversMayRun = started || starting;
        running.ifPresent(process -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        });
        if (serversMayRun) {
            run(START_STOP_TIMEOUT, Map.of(), "stop", directory.toString());
        }
    }

    /** The script's result: the last line it printed. */
    private static String lastLine(List<String> output, String subcommand) throws StartupException {
        if (output.isEmpty()) {
            throw new StartupException(SourceCheckout.CONTROL_PLANE_SCRIPT + " " + subcommand + " succeeded but printed no result");
        }
        return output.get(output.size() - 1);
    }

    /**
     * Runs the script with {@code arguments}; returns what it printed on standard output, by line.
     *
     * @throws IOException when it cannot run, fails or overruns {@code timeout}; the message says which
     */
    private List<String> run(Duration timeout, Map<String, String> environment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(arguments));
        String commandLine = String.join(" ", command);
        Path output = Files.createTempFile("cluster-ipam-control-plane-", ".out");
        try {
            // A file, not a pipe: the bounded wait below can then never block on a reader.
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(environment);
            Process process = builder.start();
            running = Optional.of(process);
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException(commandLine + " did not finish within " + timeout.toMinutes() + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IOException(commandLine + " failed with exit code " + process.exitValue() + "; its messages are above");
            }
            return Files.readAllLines(output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + commandLine, e);
        } finally {
            running = Optional.empty();
            Files.deleteIfExists(output);
        }
    }
}

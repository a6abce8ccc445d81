package dev.clusteripam.bench.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The provider as a user runs it. Ours: {@code bin/cluster-ipam run --kubeconfig FILE} in a JVM of
 * its own, default flags except ports (free ones, so that other processes on the machine do not
 * collide) and, for the imitation, the hidden allocation mode; the launcher execs java, so the
 * process is the provider's JVM: jcmd and /proc read it directly. Upstream: its manager binary
 * with its own flags, leader election off and no webhook (port 0 registers none, so it needs no
 * certificate); it reads the kubeconfig from KUBECONFIG.
 */
final class ProviderProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int probePort;
    private final long startedNanos;
    private final Path log;

    private ProviderProcess(Process process, int probePort, long startedNanos, Path log) {
        this.process = process;
        this.probePort = probePort;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    /**
     * Starts the provider and returns at once; {@link #awaitReady} waits for {@code /readyz}.
     *
     * @param jfr a flight recording to write while it runs (JAVA_TOOL_OPTIONS), to see what bounds it
     */
    static ProviderProcess start(Providers providers, Path kubeconfig, Mode mode, Path log, Optional<Path> jfr) throws IOException {
        int probePort = freePort();
        ProcessBuilder builder = new ProcessBuilder(mode == Mode.UPSTREAM ? upstreamCommand(providers, probePort)
                : ourCommand(providers, kubeconfig, mode, probePort))
                .directory(providers.repo().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        if (mode.isOurs()) {
            jfr.ifPresent(file -> builder.environment().put("JAVA_TOOL_OPTIONS",
                    "-XX:StartFlightRecording=filename=" + file + ",settings=profile,dumponexit=true"));
        }
        long started = System.nanoTime();
        return new ProviderProcess(builder.start(), probePort, started, log);
    }

    private static List<String> ourCommand(Providers providers, Path kubeconfig, Mode mode, int probePort) throws IOException {
        List<String> command = new ArrayList<>(List.of(providers.repo().resolve("bin/cluster-ipam").toString(), "run",
                "--kubeconfig", kubeconfig.toString(),
                "--health-probe-bind-address=127.0.0.1:" + probePort,
                "--diagnostics-address=127.0.0.1:" + freePort(),
                // No certificate is configured, so no webhook would be served; 0 says so and frees 9443.
                "--webhook-port=0"));
        if (mode == Mode.IMITATION) {
            command.add("--allocation-mode=upstream-scan");
        }
        return command;
    }

    /**
     * Upstream's own flags (its main.go); its webhooks are left out as ours are, which leaves it no
     * server needing a certificate. The v1.1 line serves metrics on Cluster API's diagnostics flags,
     * v1.0 on --metrics-bind-address; neither is read here, so plain HTTP on a free port does.
     */
    private static List<String> upstreamCommand(Providers providers, int probePort) throws IOException {
        String metricsPort = "127.0.0.1:" + freePort();
        List<String> command = new ArrayList<>(List.of(
                providers.upstreamBinary().orElseThrow(() -> new IllegalStateException("no upstream binary")).toString(),
                "--health-probe-bind-address=127.0.0.1:" + probePort,
                "--leader-elect=false",
                "--webhook-port=0"));
        command.addAll(providers.upstreamHasDiagnostics()
                ? List.of("--diagnostics-address=" + metricsPort, "--insecure-diagnostics")
                : List.of("--metrics-bind-address=" + metricsPort));
        return command;
    }

    /** Waits for {@code /readyz} to answer 200; returns the time from process start. */
    Duration awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + probePort + "/readyz"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the provider exited with status " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the provider was not ready within " + timeout + "; see " + log);
    }

    long startedNanos() {
        return startedNanos;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as Kubernetes stops a pod; waits for the process to exit. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

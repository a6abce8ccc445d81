package dev.clusteripam.bench.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One replica of the provider as a user runs it, {@code bin/cluster-ipam run}, with probes and
 * diagnostics on free loopback ports, and the webhook when given a certificate directory. The
 * launcher execs java, so the process is the provider's JVM and {@link #kill()} is a kill -9 of it.
 */
final class Provider implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int probePort;
    private final Path log;

    private Provider(Process process, int probePort, Path log) {
        this.process = process;
        this.probePort = probePort;
        this.log = log;
    }

    /**
     * @param webhook the webhook's port and certificate directory; empty serves none
     */
    static Provider start(Path repo, Path kubeconfig, Path log, Optional<WebhookCertificates> webhook) throws IOException {
        List<String> command = new ArrayList<>(List.of(repo.resolve("bin/cluster-ipam").toString(), "run",
                "--kubeconfig", kubeconfig.toString()));
        int probePort = freePort();
        command.add("--health-probe-bind-address=127.0.0.1:" + probePort);
        command.add("--diagnostics-address=127.0.0.1:" + freePort());
        if (webhook.isPresent()) {
            command.add("--webhook-port=" + webhook.get().port());
            command.add("--webhook-cert-dir=" + webhook.get().dir());
        } else {
            command.add("--webhook-port=0");
        }
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new Provider(process, probePort, log);
    }

    /** Waits for /readyz to answer 200; false when it did not within {@code timeout} or the process exited. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + probePort + "/readyz"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (HTTP.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        return false;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status, when it has exited. */
    Optional<Integer> exitStatus() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    Path log() {
        return log;
    }

    /** kill -9, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Kubernetes stops a pod; kill -9 when it has not exited within 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.clusteripam.bench.chaos;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A kube-apiserver and etcd on loopback from {@code hack/control-plane start DIR}, one per
 * scenario. Beyond the script it can stop the API server alone and start it again with the same
 * command line, keeping etcd and its data: what an API server outage looks like to the provider.
 * The restarted server is recorded in the script's pid file, so {@code stop} (and the watchdog
 * that stops the plane when this JVM dies) still finds it.
 */
final class ControlPlane implements AutoCloseable {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(15);

    private final Path repo;
    private final Path dir;
    private final Path kubeconfig;

    private ControlPlane(Path repo, Path dir, Path kubeconfig) {
        this.repo = repo;
        this.dir = dir;
        this.kubeconfig = kubeconfig;
    }

    static ControlPlane start(Path repo, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String out = script(repo, dir.resolve("start.log"), "start", dir.toString());
        String[] lines = out.strip().split("\n");
        return new ControlPlane(repo, dir, Path.of(lines[lines.length - 1].strip()));
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    Path dir() {
        return dir;
    }

    KubernetesClient newClient() throws IOException {
        Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
        config.setRequestTimeout(10_000);
        config.setConnectionTimeout(5_000);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Stops the API server (SIGTERM, then SIGKILL after 30 s); etcd keeps running with its data. */
    List<String> stopApiServer() throws IOException, InterruptedException {
        long pid = apiServerPid();
        List<String> command = commandLine(pid);
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("kube-apiserver " + pid + " is gone"));
        handle.destroy();
        if (!handle.onExit().toCompletableFuture().completeOnTimeout(null, 30, TimeUnit.SECONDS).join().isAlive()) {
            return command;
        }
        handle.destroyForcibly();
        handle.onExit().toCompletableFuture().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
        return command;
    }

    /** Starts the API server again with {@code command} (from {@link #stopApiServer}) and waits for /readyz. */
    void startApiServer(List<String> command, KubernetesClient client, Duration timeout) throws IOException, InterruptedException {
        List<String> inOwnSession = new ArrayList<>(List.of("setsid"));
        inOwnSession.addAll(command);
        Process process = new ProcessBuilder(inOwnSession).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kube-apiserver.log").toFile()))
                .start();
        // setsid execs in place (a child of the JVM leads no group), so the pid is the server's.
        Files.writeString(dir.resolve("kube-apiserver.pid"), process.pid() + " " + startTime(process.pid()) + "\n");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if ("ok".equals(client.raw("/readyz"))) {
                    return;
                }
            } catch (RuntimeException e) {
                // Not serving yet.
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("kube-apiserver did not come back within " + timeout + "; see " + dir.resolve("kube-apiserver.log"));
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script(repo, dir.resolve("stop.log"), "stop", dir.toString());
    }

    private long apiServerPid() throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("kube-apiserver.pid")).strip().split(" ")[0]);
    }

    private static List<String> commandLine(long pid) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
        return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    }

    /** Field 22 of /proc/PID/stat, as hack/control-plane records it beside the pid. */
    private static String startTime(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
    }

    /** Runs {@code hack/control-plane ARGS} owned by this JVM; returns its standard output. */
    private static String script(Path repo, Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(repo.resolve("hack/control-plane").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectError(log.toFile());
        builder.environment().put("CONTROL_PLANE_OWNER_PID", Long.toString(ProcessHandle.current().pid()));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + log);
        }
        return out;
    }
}

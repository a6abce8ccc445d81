package dev.clusteripam.bench.chaos;

import dev.clusteripam.controlplane.ControlPlaneScript;
import dev.clusteripam.controlplane.ScriptedControlPlane;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A kube-apiserver and etcd on loopback, one per scenario, started and stopped through the shared
 * client of {@code hack/control-plane} ({@link ScriptedControlPlane}). What it adds: stopping the
 * API server alone and starting it again with the same command line, keeping etcd and its data,
 * which is what an API server outage looks like to the provider. The restarted server is recorded
 * in the script's pid file, so {@code stop} (and the watchdog that stops the plane when this JVM
 * dies) still finds it.
 */
final class RestartableControlPlane implements AutoCloseable {

    private final ScriptedControlPlane plane;

    private RestartableControlPlane(ScriptedControlPlane plane) {
        this.plane = plane;
    }

    /** Starts a control plane with its state in {@code dir}; the script's diagnostics go to {@code dir}/script.log. */
    static RestartableControlPlane start(Path repo, Path dir) throws IOException {
        Files.createDirectories(dir);
        ScriptedControlPlane plane = new ScriptedControlPlane(ControlPlaneScript.inCheckout(repo, linesInto(dir.resolve("script.log"))), dir);
        plane.start();
        return new RestartableControlPlane(plane);
    }

    Path kubeconfig() {
        return plane.kubeconfig();
    }

    Path dir() {
        return plane.directory();
    }

    KubernetesClient newClient() throws IOException {
        Config config = Config.fromKubeconfig(Files.readString(kubeconfig()));
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
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir().resolve("kube-apiserver.log").toFile()))
                .start();
        // setsid execs in place (a child of the JVM leads no group), so the pid is the server's.
        Files.writeString(dir().resolve("kube-apiserver.pid"), process.pid() + " " + startTime(process.pid()) + "\n");
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
                throw new IllegalStateException("kube-apiserver did not come back within " + timeout + "; see " + dir().resolve("kube-apiserver.log"));
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() throws IOException {
        plane.close();
    }

    private long apiServerPid() throws IOException {
        return Long.parseLong(Files.readString(dir().resolve("kube-apiserver.pid")).strip().split(" ")[0]);
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

    /** Appends each line to {@code log}; one that cannot be written goes to standard error instead. */
    private static Consumer<String> linesInto(Path log) {
        return line -> {
            try {
                Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println(line + " (cannot write " + log + ": " + e.getMessage() + ")");
            }
        };
    }
}

package dev.clusteripam.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fresh kube-apiserver and etcd from {@code hack/control-plane start DIR} (which also applies
 * the CRDs). The harness's own pid is its owner: should the harness die, the control plane stops.
 */
final class LocalControlPlane implements AutoCloseable {

    private final Path repo;
    private final Path dir;
    private final Path kubeconfig;

    private LocalControlPlane(Path repo, Path dir, Path kubeconfig) {
        this.repo = repo;
        this.dir = dir;
        this.kubeconfig = kubeconfig;
    }

    /** Makes sure the binaries are there (built once, then cached); prints their directory. */
    static void install(Path repo) {
        run(repo, List.of(repo.resolve("hack/control-plane").toString(), "install"), repo.resolve("bench/target/control-plane-install.log"));
    }

    static LocalControlPlane start(Path repo, Path dir) throws IOException {
        Files.createDirectories(dir);
        String last = run(repo, List.of(repo.resolve("hack/control-plane").toString(), "start", dir.toString()), dir.resolve("start.log"));
        return new LocalControlPlane(repo, dir, Path.of(last.strip()));
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        run(repo, List.of(repo.resolve("hack/control-plane").toString(), "stop", dir.toString()), dir.resolve("stop.log"));
    }

    /** Runs a command with standard error to {@code log}; returns the last line of its standard output. */
    private static String run(Path repo, List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectError(log.toFile());
            builder.environment().put("CONTROL_PLANE_OWNER_PID", Long.toString(ProcessHandle.current().pid()));
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + log + ":\n" + tail(log));
            }
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}

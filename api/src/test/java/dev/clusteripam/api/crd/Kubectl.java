package dev.clusteripam.api.crd;

import dev.clusteripam.testing.kube.ControlPlane;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The kubectl that hack/control-plane builds, run against a test control plane. */
final class Kubectl {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Path binary;
    private final Path kubeconfig;

    private Kubectl(Path binary, Path kubeconfig) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
    }

    /** kubectl for {@code plane}; {@code hack/control-plane install} names the directory it is in. */
    static Kubectl of(ControlPlane plane) {
        List<String> installOutput = run(List.of(RepositoryFiles.root().resolve("hack/control-plane").toString(),
                "install"));
        Path directory = Path.of(installOutput.get(installOutput.size() - 1));
        return new Kubectl(directory.resolve("kubectl"), plane.kubeconfig());
    }

    /** Runs kubectl with {@code arguments}; returns its standard output, failing when kubectl fails. */
    String run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(arguments));
        return String.join("\n", run(command));
    }

    private static List<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed with exit code " + process.exitValue() + ":\n"
                        + output);
            }
            return output.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}

package dev.clusteripam.app.run;

import dev.clusteripam.app.lifecycle.StartupException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Connects to a cluster the way kubectl and upstream's manager do. */
public final class KubernetesClients {

    private KubernetesClients() {
    }

    /**
     * A client for the cluster in {@code kubeconfig} (its current context); without one, fabric8's
     * standard resolution: {@code KUBECONFIG}, then {@code ~/.kube/config}, then the pod's service
     * account.
     */
    public static KubernetesClient connect(Optional<Path> kubeconfig) throws StartupException {
        try {
            Config config = kubeconfig.isPresent() ? fromFile(kubeconfig.get()) : Config.autoConfigure(null);
            // Watches as streamed GETs, as client-go makes them: all of them share the client's one
            // HTTP/2 connection. fabric8's default, a WebSocket per watch, opens a TLS connection for
            // each (16 at start), and their handshakes were a large part of the start's CPU.
            config.setOnlyHttpWatches(true);
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (RuntimeException e) {
            String source = kubeconfig.map(Path::toString).orElse("KUBECONFIG, ~/.kube/config or the service account");
            throw new StartupException("cannot configure a Kubernetes client from " + source + ": " + e.getMessage(), e);
        }
    }

    private static Config fromFile(Path kubeconfig) throws StartupException {
        if (!Files.isReadable(kubeconfig)) {
            throw new StartupException("--kubeconfig " + kubeconfig + ": no such readable file");
        }
        return Config.fromKubeconfig(kubeconfig.toFile());
    }
}

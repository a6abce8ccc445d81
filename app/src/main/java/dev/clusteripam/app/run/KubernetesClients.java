package dev.clusteripam.app.run;

import dev.clusteripam.app.lifecycle.StartupException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.Optional;

/** Connects to a cluster the way kubectl and upstream's manager do. */
public final class KubernetesClients {

    /**
     * How many PBKDF2 iterations protect a key put into a PKCS12 key store. fabric8 keeps the
     * kubeconfig's client key in an in-memory one under its constant password "changeit", where the
     * default 10,000 iterations, to encrypt the key and again to read it back, protect nothing and
     * cost a tenth of a second of a cold start's CPU. This process writes no key store to a file.
     */
    static final String PKCS12_KEY_ITERATIONS = "keystore.pkcs12.keyPbeIterationCount";

    private KubernetesClients() {
    }

    /**
     * A client for the cluster in {@code kubeconfig} (its current context); without one, fabric8's
     * standard resolution: {@code KUBECONFIG}, then {@code ~/.kube/config}, then the pod's service
     * account.
     */
    public static KubernetesClient connect(Optional<Path> kubeconfig) throws StartupException {
        // An operator's own setting, as a system or security property, wins.
        if (System.getProperty(PKCS12_KEY_ITERATIONS) == null && Security.getProperty(PKCS12_KEY_ITERATIONS) == null) {
            System.setProperty(PKCS12_KEY_ITERATIONS, "1");
        }
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

package dev.clusteripam.webhook.server;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the webhook server listens and where its TLS files are, with the defaults of upstream's
 * manager flags ({@code --webhook-port}, {@code --webhook-cert-dir}, {@code --webhook-cert-name},
 * {@code --webhook-key-name}).
 *
 * @param bindAddress the address to listen on; the wildcard address for all
 * @param port the port; 0 for any free one ({@link WebhookServer#port()} tells which)
 * @param certDir the directory with the serving certificate and key, as a Secret volume mounts them
 * @param certName the PEM certificate chain's file name in {@code certDir}
 * @param keyName the PEM private key's file name in {@code certDir}
 * @param certCheckInterval how often the two files are checked for a rotated pair
 */
public record WebhookServerConfig(
        InetAddress bindAddress, int port, Path certDir, String certName, String keyName, Duration certCheckInterval) {

    public static final int DEFAULT_PORT = 9443;
    public static final Path DEFAULT_CERT_DIR = Path.of("/tmp/k8s-webhook-server/serving-certs");
    public static final String DEFAULT_CERT_NAME = "tls.crt";
    public static final String DEFAULT_KEY_NAME = "tls.key";
    /** controller-runtime's certificate watcher also polls every ten seconds. */
    public static final Duration DEFAULT_CERT_CHECK_INTERVAL = Duration.ofSeconds(10);

    public WebhookServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(certDir, "certDir");
        Objects.requireNonNull(certName, "certName");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(certCheckInterval, "certCheckInterval");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        if (certCheckInterval.isNegative() || certCheckInterval.isZero()) {
            throw new IllegalArgumentException("certCheckInterval " + certCheckInterval + " must be positive");
        }
    }

    /** Listens on {@code bindAddress:port}, with the default file names and check interval. */
    public static WebhookServerConfig of(InetAddress bindAddress, int port, Path certDir) {
        return new WebhookServerConfig(bindAddress, port, certDir, DEFAULT_CERT_NAME, DEFAULT_KEY_NAME,
                DEFAULT_CERT_CHECK_INTERVAL);
    }

    public Path certFile() {
        return certDir.resolve(certName);
    }

    public Path keyFile() {
        return certDir.resolve(keyName);
    }
}

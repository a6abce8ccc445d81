package dev.clusteripam.app.run;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Upstream's webhook flags.
 *
 * @param port {@code --webhook-port}; 0 serves no webhook, as upstream's manager
 * @param certDir {@code --webhook-cert-dir}
 * @param certName {@code --webhook-cert-name}
 * @param keyName {@code --webhook-key-name}
 */
record WebhookOptions(int port, Path certDir, String certName, String keyName) {

    WebhookOptions {
        Objects.requireNonNull(certDir, "certDir");
        Objects.requireNonNull(certName, "certName");
        Objects.requireNonNull(keyName, "keyName");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--webhook-port must be in 0..65535 (0: no webhook), got " + port);
        }
    }

    Path certFile() {
        return certDir.resolve(certName);
    }
}

package dev.clusteripam.app.run;

import dev.clusteripam.app.lifecycle.StartupException;
import dev.clusteripam.core.overlap.OverlapPolicy;
import dev.clusteripam.webhook.PoolWebhooks;
import dev.clusteripam.webhook.allocations.PoolAddresses;
import dev.clusteripam.webhook.allocations.PoolOverlaps;
import dev.clusteripam.webhook.server.WebhookServer;
import dev.clusteripam.webhook.server.WebhookServerConfig;
import dev.clusteripam.webhook.tls.KeyMaterialException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admission and conversion webhook, served from the provider's process when a certificate is
 * there to serve it with; with the informer of IPAddresses its checks of updates and deletions
 * read.
 */
final class WebhookServing implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookServing.class);

    private final WebhookServer server;

    private WebhookServing(WebhookServer server) {
        this.server = server;
    }

    /**
     * Starts serving on all interfaces at {@code options.port()}; empty, with one log line saying
     * why, when the port is 0 or the certificate file is missing (a deployment without cert-manager:
     * the CRDs' validation rules still check every pool written).
     *
     * @throws StartupException when the certificate or key is unusable or the port cannot be bound
     */
    static Optional<WebhookServing> startIfConfigured(WebhookOptions options, PoolAddresses addresses, PoolOverlaps overlaps,
            OverlapPolicy overlapPolicy) throws StartupException {
        if (options.port() == 0) {
            LOG.info("webhook not served: --webhook-port is 0");
            return Optional.empty();
        }
        if (!Files.exists(options.certFile())) {
            LOG.info("webhook not served: no certificate file={}; the CRDs' validation rules still check pools,"
                    + " but pool updates and deletions are not checked against allocated addresses", options.certFile());
            return Optional.empty();
        }
        WebhookServerConfig config = new WebhookServerConfig(new InetSocketAddress(options.port()).getAddress(), options.port(),
                options.certDir(), options.certName(), options.keyName(), WebhookServerConfig.DEFAULT_CERT_CHECK_INTERVAL);
        try {
            return Optional.of(new WebhookServing(WebhookServer.start(config, PoolWebhooks.endpoints(addresses, overlaps, overlapPolicy))));
        } catch (KeyMaterialException e) {
            throw new StartupException("webhook: unusable certificate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StartupException("webhook: cannot listen on port " + options.port() + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}

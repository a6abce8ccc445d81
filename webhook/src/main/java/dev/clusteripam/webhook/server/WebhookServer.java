package dev.clusteripam.webhook.server;

import com.sun.net.httpserver.HttpsServer;
import dev.clusteripam.webhook.tls.KeyMaterialException;
import dev.clusteripam.webhook.tls.ServingCertificate;
import dev.clusteripam.webhook.tls.TlsPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server of the admission and conversion webhooks, on the JDK's own HTTP server. It
 * serves the certificate in the configured directory and picks up a rotated one without a restart;
 * it speaks only what {@link TlsPolicy} allows, and {@link ServerLimits} keeps slow clients from
 * holding it.
 */
public final class WebhookServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);

    private static final int ACCEPT_BACKLOG = 64;
    /** How long stopping waits for requests under way. */
    private static final int STOP_GRACE_SECONDS = 1;

    private final HttpsServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService certificateChecks;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private WebhookServer(HttpsServer server, ExecutorService workers, ScheduledExecutorService certificateChecks) {
        this.server = server;
        this.workers = workers;
        this.certificateChecks = certificateChecks;
    }

    /**
     * Reads the serving certificate, binds and starts serving {@code endpoints} (by exact path).
     *
     * @throws KeyMaterialException when the certificate or key file is missing or unusable
     * @throws IOException when the address cannot be bound
     */
    public static WebhookServer start(WebhookServerConfig config, Map<String, ReviewEndpoint> endpoints)
            throws KeyMaterialException, IOException {
        ServingCertificate certificate = ServingCertificate.load(config.certFile(), config.keyFile());
        ServerLimits.applyToJdkServer();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(config.bindAddress(), config.port()), ACCEPT_BACKLOG);
        server.setHttpsConfigurator(TlsPolicy.httpsConfigurator(certificate.newServerContext()));
        ExecutorService workers = ServerLimits.workers("webhook-worker-");
        server.setExecutor(workers);
        server.createContext("/", new ReviewRouter(endpoints));
        server.start();

        ScheduledExecutorService certificateChecks = Executors.newSingleThreadScheduledExecutor(
                ServerLimits.daemonThreads("webhook-certificate-check-"));
        long interval = config.certCheckInterval().toMillis();
        certificateChecks.scheduleWithFixedDelay(certificate::reloadIfChanged, interval, interval, TimeUnit.MILLISECONDS);

        WebhookServer started = new WebhookServer(server, workers, certificateChecks);
        LOG.info("webhook server started: address={} paths={} certDir={}", started.address(), endpoints.keySet().stream().sorted().toList(),
                config.certDir());
        return started;
    }

    /** The address the server listens on, with the actual port when 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening, lets requests under way finish for a moment, and stops the certificate checks. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        certificateChecks.shutdownNow();
        server.stop(STOP_GRACE_SECONDS);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("webhook server stopped: address={}", server.getAddress());
    }

    @Override
    public void close() {
        stop();
    }
}

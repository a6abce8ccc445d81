package dev.clusteripam.app.diagnostics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import dev.clusteripam.webhook.server.ServerLimits;
import dev.clusteripam.webhook.tls.TlsPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The diagnostics endpoint of Cluster API providers: {@code /metrics} in Prometheus' text format.
 * Secure by default as theirs is: HTTPS (TLS 1.2 or 1.3, AEAD suites only) with a certificate made
 * at start, and each request's bearer token checked against the API server (see
 * {@link KubernetesAuthorizer}; the answers remembered briefly, see {@link CachingAuthorizer}), answering 401
 * without a valid token and 403 for a user without {@code get} on the path. Insecure on request:
 * plain HTTP, no checks, for a port that only a sidecar or {@code kubectl port-forward} reaches.
 */
public final class DiagnosticsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsServer.class);

    public static final String METRICS_PATH = "/metrics";
    /** The Prometheus text exposition format, which every Prometheus version reads. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String BEARER = "bearer ";

    private final HttpServer server;
    private final ExecutorService workers;
    private final boolean secure;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DiagnosticsServer(HttpServer server, ExecutorService workers, boolean secure) {
        this.server = server;
        this.workers = workers;
        this.secure = secure;
    }

    /**
     * HTTPS, each request authenticated and authorized through {@code client}.
     *
     * @param metrics the metrics in Prometheus' text format, made at each scrape
     * @throws IOException when the address cannot be bound
     * @throws GeneralSecurityException when no certificate can be made
     */
    public static DiagnosticsServer startSecure(InetSocketAddress address, Supplier<String> metrics, KubernetesClient client)
            throws IOException, GeneralSecurityException {
        ServerLimits.applyToJdkServer();
        HttpsServer server = HttpsServer.create(address, 0);
        server.setHttpsConfigurator(TlsPolicy.httpsConfigurator(SelfSignedCertificate.serverContext()));
        return start(server, metrics, Optional.of(new CachingAuthorizer(new KubernetesAuthorizer(client))));
    }

    /** Plain HTTP, without authentication ({@code --insecure-diagnostics}). */
    public static DiagnosticsServer startInsecure(InetSocketAddress address, Supplier<String> metrics) throws IOException {
        ServerLimits.applyToJdkServer();
        return start(HttpServer.create(address, 0), metrics, Optional.empty());
    }

    private static DiagnosticsServer start(HttpServer server, Supplier<String> metrics, Optional<RequestAuthorizer> authorizer) {
        // A scrape every few seconds needs one thread; slow clients must not take that one.
        ExecutorService workers = ServerLimits.workers("diagnostics-");
        server.setExecutor(workers);
        server.createContext("/", exchange -> answer(exchange, metrics, authorizer));
        server.start();
        DiagnosticsServer started = new DiagnosticsServer(server, workers, authorizer.isPresent());
        LOG.info("diagnostics served: address={} scheme={} path={} authorization={}", started.address(), started.scheme(), METRICS_PATH,
                authorizer.isPresent() ? "TokenReview+SubjectAccessReview" : "none (--insecure-diagnostics)");
        return started;
    }

    private static void answer(HttpExchange exchange, Supplier<String> metrics, Optional<RequestAuthorizer> authorizer) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (authorizer.isPresent()) {
                Verdict verdict = authorize(authorizer.get(), exchange, path);
                if (!verdict.allowed()) {
                    LOG.debug("diagnostics request refused: path={} status={} reason=\"{}\"", path, verdict.status(), verdict.reason());
                    send(exchange, verdict.status(), "text/plain; charset=utf-8", verdict.reason());
                    return;
                }
            }
            if (!path.equals(METRICS_PATH)) {
                send(exchange, 404, "text/plain; charset=utf-8", "nothing at " + path + "; try " + METRICS_PATH);
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "only GET");
            } else {
                send(exchange, 200, PROMETHEUS_TEXT, metrics.get());
            }
        }
    }

    private static Verdict authorize(RequestAuthorizer authorizer, HttpExchange exchange, String path) {
        Optional<String> token = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))
                .filter(header -> header.toLowerCase(Locale.ROOT).startsWith(BEARER))
                .map(header -> header.substring(BEARER.length()).strip())
                .filter(value -> !value.isEmpty());
        try {
            return authorizer.authorize(token, path);
        } catch (KubernetesClientException e) {
            // The API server could not answer: neither yes nor no, and the scraper should retry.
            LOG.warn("diagnostics request not authorized, the API server did not answer: path={} error=\"{}\"", path, e.getMessage());
            return new Verdict(500, "authorization failed: " + e.getMessage());
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] body = text.endsWith("\n") ? text.getBytes(StandardCharsets.UTF_8) : (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** The address listened on, with the actual port when 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code https} unless started insecure. */
    public String scheme() {
        return secure ? "https" : "http";
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        workers.shutdownNow();
        LOG.info("diagnostics stopped: address={}", server.getAddress());
    }
}

package dev.clusteripam.app.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.clusteripam.webhook.server.ServerLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's probe endpoints, plain HTTP as controller-runtime serves them: {@code /healthz}
 * (liveness) answers 200 while the process serves requests at all; {@code /readyz} (readiness)
 * answers 200 when no readiness check is unmet, else 503 listing the unmet ones.
 */
public final class ProbeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeServer.class);

    public static final String LIVENESS_PATH = "/healthz";
    public static final String READINESS_PATH = "/readyz";

    private final HttpServer server;
    private final ExecutorService worker;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProbeServer(HttpServer server, ExecutorService worker) {
        this.server = server;
        this.worker = worker;
    }

    /**
     * Binds {@code address} and starts answering.
     *
     * @param unmetReadinessChecks what keeps the process from being ready, one line each; empty when ready
     * @throws IOException when the address cannot be bound
     */
    public static ProbeServer start(InetSocketAddress address, Supplier<List<String>> unmetReadinessChecks) throws IOException {
        ServerLimits.applyToJdkServer();
        HttpServer server = HttpServer.create(address, 0);
        // A probe every few seconds needs one thread; slow clients must not take that one.
        ExecutorService worker = ServerLimits.workers("health-probes-");
        server.setExecutor(worker);
        server.createContext("/", exchange -> answer(exchange, unmetReadinessChecks));
        server.start();
        ProbeServer started = new ProbeServer(server, worker);
        LOG.info("health probes served: address={} liveness={} readiness={}", started.address(), LIVENESS_PATH, READINESS_PATH);
        return started;
    }

    private static void answer(HttpExchange exchange, Supplier<List<String>> unmetReadinessChecks) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals(LIVENESS_PATH)) {
                send(exchange, 200, "ok");
            } else if (path.equals(READINESS_PATH)) {
                List<String> unmet = unmetReadinessChecks.get();
                if (unmet.isEmpty()) {
                    send(exchange, 200, "ok");
                } else {
                    send(exchange, 503, "not ready:\n" + String.join("\n", unmet));
                }
            } else {
                send(exchange, 404, "no probe at " + path + "; try " + LIVENESS_PATH + " or " + READINESS_PATH);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** The address listened on, with the actual port when 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        worker.shutdownNow();
        LOG.info("health probes stopped: address={}", server.getAddress());
    }
}

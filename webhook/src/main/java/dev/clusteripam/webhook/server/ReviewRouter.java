package dev.clusteripam.webhook.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the webhooks: routes a POST to the endpoint registered for exactly its path and
 * turns what goes wrong before an endpoint can answer into an HTTP status. The API server treats
 * any status but 200 as a failed call and applies the webhook's failure policy.
 */
final class ReviewRouter implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewRouter.class);

    private final Map<String, ReviewEndpoint> endpoints;

    ReviewRouter(Map<String, ReviewEndpoint> endpoints) {
        this.endpoints = Map.copyOf(endpoints);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        int status;
        try (exchange) {
            status = route(exchange, path);
        } catch (IOException | RuntimeException e) {
            LOG.warn("webhook request failed: path={} error=\"{}\"", path, e.toString(), e);
            throw e;
        }
        LOG.debug("webhook request: path={} status={} millis={}", path, status, (System.nanoTime() - started) / 1_000_000);
    }

    private int route(HttpExchange exchange, String path) throws IOException {
        ReviewEndpoint endpoint = endpoints.get(path);
        if (endpoint == null) {
            return sendText(exchange, 404, "no webhook is served at " + path);
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            return sendText(exchange, 405, "a webhook takes POST requests, not " + exchange.getRequestMethod());
        }
        // A declared length past the bound is refused before a byte of the body is read; a chunked
        // body is read up to the bound and no further.
        Optional<byte[]> body = declaresMoreThan(exchange, endpoint.maxRequestBytes())
                ? Optional.empty()
                : readAtMost(exchange.getRequestBody(), endpoint.maxRequestBytes());
        if (body.isEmpty()) {
            return sendText(exchange, 413, "the request body exceeds " + endpoint.maxRequestBytes() + " bytes");
        }
        byte[] response;
        try {
            response = endpoint.respond(body.get());
        } catch (MalformedReviewException e) {
            LOG.warn("webhook request refused as malformed: path={} reason=\"{}\"", path, e.getMessage());
            return sendText(exchange, 400, e.getMessage());
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, response.length);
        exchange.getResponseBody().write(response);
        return 200;
    }

    private static boolean declaresMoreThan(HttpExchange exchange, int limit) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        try {
            return length != null && Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // the JDK's server refuses an unreadable length before the request gets here
        }
    }

    /** The whole body, or empty when it is longer than {@code limit}. */
    private static Optional<byte[]> readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            if (body.size() + read > limit) {
                return Optional.empty();
            }
            body.write(buffer, 0, read);
        }
        return Optional.of(body.toByteArray());
    }

    private static int sendText(HttpExchange exchange, int status, String message) throws IOException {
        byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, text.length);
        // Closed here, which sends the response: closing the exchange first drains what is left of
        // the request body, and on Java 25 the headers wait in a buffer until then, so a 413 for a
        // body never sent would wait for it until the request timer ran out.
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(text);
        }
        return status;
    }
}

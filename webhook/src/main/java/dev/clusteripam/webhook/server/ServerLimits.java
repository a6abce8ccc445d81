package dev.clusteripam.webhook.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits that keep slow or hostile clients of the JDK's HTTP server (the webhook, the
 * diagnostics endpoint, the probes) from holding the server: a time limit on reading a request and
 * on writing a response, a bound on headers, and a thread per request up to a bound.
 *
 * <p>The JDK's server accepts and waits for the first byte on one selector thread, then hands the
 * connection to the executor, where the TLS handshake, the request line, the headers and the body
 * are read with blocking I/O. A client that sends half a request therefore holds a worker until the
 * server's request timer ({@code sun.net.httpserver.maxReqTime}, which runs from the first byte to
 * the last byte of the body) closes its connection. So: that timer is set, and there are enough
 * workers that many such clients cannot take them all. The timer is a JVM-wide setting, read once
 * when the first server of the process is made; {@link #applyToJdkServer()} sets it (unless the
 * operator did, with {@code -D}) and each of our servers calls it before it is made.
 */
public final class ServerLimits {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLimits.class);

    /**
     * From a request's first byte (the TLS handshake included) to the end of its body. The API
     * server sends a review in milliseconds and gives up on a webhook call after its timeout (10 s
     * by default, 30 s at most); a client slower than this is not one we serve.
     */
    public static final Duration REQUEST_TIME = Duration.ofSeconds(10);
    /** Writing a response: a few KiB for a review, some hundred KiB for a scrape. */
    public static final Duration RESPONSE_TIME = Duration.ofSeconds(10);
    /** The request line and headers of a review or a scrape are well under 8 KiB. */
    public static final int MAX_HEADER_BYTES = 64 * 1024;
    public static final int MAX_HEADERS = 100;
    /**
     * Requests handled at once. A request in a slow client's hands holds a thread until
     * {@link #REQUEST_TIME} runs out; with this many, 50 such clients leave room for the API
     * server's requests. Threads are made on demand and end after a minute idle.
     */
    public static final int MAX_WORKER_THREADS = 256;
    private static final Duration IDLE_WORKER_LIFETIME = Duration.ofMinutes(1);

    private static final Map<String, String> JDK_SERVER_PROPERTIES = Map.of(
            "sun.net.httpserver.maxReqTime", Long.toString(REQUEST_TIME.toSeconds()),
            "sun.net.httpserver.maxRspTime", Long.toString(RESPONSE_TIME.toSeconds()),
            "sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_HEADER_BYTES),
            "sun.net.httpserver.maxReqHeaders", Integer.toString(MAX_HEADERS));

    private ServerLimits() {
    }

    /**
     * Sets the JDK server's limits, each unless already set. Effective only before the first
     * {@code HttpServer} of the process is made, as the JDK reads them once.
     */
    public static synchronized void applyToJdkServer() {
        JDK_SERVER_PROPERTIES.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
                LOG.debug("http server limit set: {}={}", name, value);
            }
        });
    }

    /**
     * The executor of a server: a thread per request, at most {@link #MAX_WORKER_THREADS}; past
     * that, the JDK's server closes the new connection (the API server then applies the webhook's
     * failure policy) instead of queueing it behind slow ones. Platform threads, reused: a virtual
     * thread per request was measured slower on Java 25 (docs/benchmarks.md, "Java 25").
     */
    public static ExecutorService workers(String threadNamePrefix) {
        return new ThreadPoolExecutor(0, MAX_WORKER_THREADS, IDLE_WORKER_LIFETIME.toSeconds(), TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemonThreads(threadNamePrefix));
    }

    /** Daemon threads named {@code prefix} and a number, so that they never keep the JVM alive. */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

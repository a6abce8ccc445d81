package dev.clusteripam.bench.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * TLS connections to a loopback server that complete the handshake and then send a request one
 * byte a second: half of them trickle the headers, half send the headers and trickle a body that
 * announced a megabyte. Each connects again when dropped, until {@code hold} is over.
 */
final class SlowClients implements AutoCloseable {

    private final ExecutorService threads;
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private final AtomicInteger failedToConnect = new AtomicInteger();

    private SlowClients(int count) {
        this.threads = Executors.newFixedThreadPool(count, task -> {
            Thread thread = new Thread(task, "slow-client");
            thread.setDaemon(true);
            return thread;
        });
    }

    static SlowClients start(SSLContext tls, int port, String path, int count, Duration hold) {
        SlowClients clients = new SlowClients(count);
        for (int i = 0; i < count; i++) {
            boolean trickleBody = i % 2 == 1;
            clients.threads.submit(() -> clients.trickle(tls, port, path, trickleBody, hold));
        }
        return clients;
    }

    /**
     * One slow client: connects again a second after the server drops or refuses it, until
     * {@code hold} is over; so at most one attempt a second each.
     */
    private void trickle(SSLContext tls, int port, String path, boolean trickleBody, Duration hold) {
        long deadline = System.nanoTime() + hold.toNanos();
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            boolean handshaken = false;
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(5_000);
                socket.startHandshake();
                handshaken = true;
                connected.incrementAndGet();
                sendSlowly(socket.getOutputStream(), path, trickleBody, deadline);
            } catch (IOException e) {
                (handshaken ? closedByServer : failedToConnect).incrementAndGet();
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sendSlowly(OutputStream out, String path, boolean trickleBody, long deadline) throws IOException, InterruptedException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
        byte[] trickled;
        if (trickleBody) {
            out.write((head + "Content-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            trickled = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{".repeat(100)
                    .getBytes(StandardCharsets.US_ASCII);
        } else {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            trickled = ("X-Slow: " + "a".repeat(10_000)).getBytes(StandardCharsets.US_ASCII);
        }
        out.flush();
        for (int i = 0; i < trickled.length && System.nanoTime() < deadline; i++) {
            out.write(trickled[i]);
            out.flush();
            Thread.sleep(1_000);
        }
    }

    /** Handshakes completed (a client that was dropped and came back counts again). */
    int connected() {
        return connected.get();
    }

    /** Connections that ended in an error after the handshake: the server closed them (what a read timeout does). */
    int closedByServer() {
        return closedByServer.get();
    }

    /** Attempts that did not complete the handshake within 5 s, or were refused or reset. */
    int failedToConnect() {
        return failedToConnect.get();
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }
}

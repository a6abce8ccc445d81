package dev.clusteripam.webhook.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Clients that hold a server's connections without finishing a request, as a slowloris attack
 * does, on loopback only: in turn, one that stops inside the TLS handshake (or, on plain HTTP,
 * inside the request line), one that sends part of its headers, and one that sends its headers and
 * then trickles its body a byte at a time. Each opens from its own thread, so that a server that
 * cannot take them all does not hold up the test; every thread and socket ends on {@link #close()}.
 */
public final class SlowClients implements AutoCloseable {

    /** How often a trickling client sends its next byte. */
    private static final Duration TRICKLE_INTERVAL = Duration.ofMillis(200);
    /** A TLS record header announcing a handshake message that never follows. */
    private static final byte[] STALLED_HANDSHAKE = {0x16, 0x03, 0x01, 0x02, 0x00};

    /** Every socket opened, to close them all. */
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** Per client, the socket it talks through once it has sent what it sends. */
    private final List<Socket> placed = new CopyOnWriteArrayList<>();
    private final List<OutputStream> trickling = new CopyOnWriteArrayList<>();
    private final ExecutorService openers;
    private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();

    private SlowClients(int count) {
        this.openers = Executors.newFixedThreadPool(count);
    }

    /**
     * Opens {@code count} slow clients to {@code target} (a loopback address), over TLS when
     * {@code tls} is given, POSTing to {@code path}; waits at most {@code patience} for them to be
     * in place, and returns them whether or not the server took them all.
     */
    public static SlowClients open(InetSocketAddress target, Optional<SSLSocketFactory> tls, String path, int count, Duration patience)
            throws InterruptedException {
        if (!target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("slow clients only go to loopback, not " + target);
        }
        SlowClients clients = new SlowClients(count);
        for (int i = 0; i < count; i++) {
            int kind = i % 3;
            clients.openers.execute(() -> clients.openOne(target, tls, path, kind));
        }
        clients.openers.shutdown();
        clients.openers.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS);
        clients.trickler.scheduleWithFixedDelay(clients::trickle, 0, TRICKLE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return clients;
    }

    private void openOne(InetSocketAddress target, Optional<SSLSocketFactory> tls, String path, int kind) {
        try {
            Socket plain = new Socket();
            sockets.add(plain);
            plain.connect(target, 5_000);
            if (kind == 0) {
                plain.getOutputStream().write(STALLED_HANDSHAKE);
                plain.getOutputStream().flush();
                placed.add(plain);
                return;
            }
            Socket socket = plain;
            if (tls.isPresent()) {
                SSLSocket secured = (SSLSocket) tls.get().createSocket(plain, target.getHostString(), target.getPort(), true);
                sockets.add(secured);
                secured.startHandshake();
                socket = secured;
            }
            OutputStream out = socket.getOutputStream();
            String host = "Host: " + target.getHostString() + ":" + target.getPort() + "\r\n";
            if (kind == 1) {
                out.write(("POST " + path + " HTTP/1.1\r\n" + host + "Content-Ty").getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(("POST " + path + " HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                trickling.add(out);
            }
            out.flush();
            placed.add(socket);
        } catch (IOException e) {
            // A server that refuses or cuts a slow client is doing its job.
        }
    }

    private void trickle() {
        for (OutputStream out : trickling) {
            try {
                out.write(' ');
                out.flush();
            } catch (IOException e) {
                trickling.remove(out);
            }
        }
    }

    /** How many clients got to send what they send: the server took their connection that far. */
    public int placed() {
        return placed.size();
    }

    /** How many of the placed clients the server has cut off since: a read gives end of stream or an error. */
    public int closedByServer() {
        int closed = 0;
        for (Socket socket : placed) {
            try {
                socket.setSoTimeout(1);
                // Whatever the server answered before it closed (a 401 to a body it would not wait for) is read past.
                byte[] answer = new byte[4096];
                int read = socket.getInputStream().read(answer);
                while (read > 0) {
                    read = socket.getInputStream().read(answer);
                }
                if (read < 0) {
                    closed++;
                }
            } catch (SocketTimeoutException e) {
                // still open
            } catch (IOException e) {
                closed++;
            }
        }
        return closed;
    }

    @Override
    public void close() {
        trickler.shutdownNow();
        openers.shutdownNow();
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}

package dev.clusteripam.app.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Ports and plain-HTTP probes on 127.0.0.1, for tests that start the provider as a process. */
public final class Loopback {

    private Loopback() {
    }

    /** A port nothing listens on now, for a flag that needs a fixed one. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The status code of a GET of {@code path} on {@code port}, such as {@code /readyz}. */
    public static int get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

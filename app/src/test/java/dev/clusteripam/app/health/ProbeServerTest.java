package dev.clusteripam.app.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the kubelet sees on the probe port. */
class ProbeServerTest {

    private final AtomicReference<List<String>> unmet = new AtomicReference<>(List.of());
    private ProbeServer server;

    @BeforeEach
    void start() throws IOException {
        server = ProbeServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), unmet::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void livenessIsOkWhileTheProcessServes() throws Exception {
        unmet.set(List.of("provider: starting"));

        HttpResponse<String> response = get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void readinessListsWhatIsNotReadyYet() throws Exception {
        unmet.set(List.of("provider: starting", "webhook: the cache of IPAddresses is still loading"));

        HttpResponse<String> response = get("/readyz");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("not ready:\nprovider: starting\nwebhook: the cache of IPAddresses is still loading\n");
    }

    @Test
    void readinessIsOkOnceNothingIsUnmet() throws Exception {
        unmet.set(List.of("provider: starting"));
        assertThat(get("/readyz").statusCode()).isEqualTo(503);

        unmet.set(List.of());

        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void otherPathsAreNotFound() throws Exception {
        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("no probe at /metrics; try /healthz or /readyz\n");
    }

    @Test
    void closingStopsListening() {
        server.close();

        assertThatThrownBy(() -> get("/healthz")).isInstanceOf(ConnectException.class);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}

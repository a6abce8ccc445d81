package dev.clusteripam.webhook.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clusteripam.webhook.testing.TestCertificates;
import dev.clusteripam.webhook.testing.TestCertificates.KeyFormat;
import dev.clusteripam.webhook.testing.TestCertificates.Serving;
import dev.clusteripam.webhook.testing.TlsProbe;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookServerTest {

    private static final TestCertificates CA = TestCertificates.newAuthority();

    private static final ReviewEndpoint ECHO = body -> body;
    private static final ReviewEndpoint TINY = new ReviewEndpoint() {
        @Override
        public byte[] respond(byte[] body) {
            return body;
        }

        @Override
        public int maxRequestBytes() {
            return 8;
        }
    };
    private static final ReviewEndpoint PICKY = body -> {
        throw new MalformedReviewException("expected an AdmissionReview");
    };

    @TempDir
    Path certDir;

    private Serving serving;
    private WebhookServer server;
    private HttpClient client;

    @BeforeEach
    void startServer() throws Exception {
        serving = CA.issueRsa();
        serving.writeTo(certDir, KeyFormat.TRADITIONAL);
        WebhookServerConfig config = new WebhookServerConfig(InetAddress.getLoopbackAddress(), 0, certDir, "tls.crt",
                "tls.key", Duration.ofMillis(100));
        server = WebhookServer.start(config, Map.of("/echo", ECHO, "/tiny", TINY, "/picky", PICKY));
        client = HttpClient.newBuilder().sslContext(CA.clientContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void answersAPostOnARegisteredPathOverTlsWithTheEndpointsResponse() throws Exception {
        HttpResponse<String> response = post("/echo", "{\"kind\":\"AdmissionReview\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"kind\":\"AdmissionReview\"}");
    }

    @Test
    void servesOnlyExactPaths() throws Exception {
        assertThat(post("/echo/more", "{}").statusCode()).isEqualTo(404);
        assertThat(post("/ech", "{}").statusCode()).isEqualTo(404);
        assertThat(post("/", "{}").body()).isEqualTo("no webhook is served at /\n");
    }

    @Test
    void takesOnlyPost() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/echo")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void refusesABodyAboveTheEndpointsLimit() throws Exception {
        assertThat(post("/tiny", "12345678").statusCode()).isEqualTo(200);

        HttpResponse<String> response = post("/tiny", "123456789");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("the request body exceeds 8 bytes\n");
    }

    @Test
    void refusesADeclaredBodyAboveTheLimitWithoutReadingIt() throws Exception {
        try (SSLSocket socket = (SSLSocket) CA.clientContext().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /tiny HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 9\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String response = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

            assertThat(response).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void speaksTls12And13WithAeadSuitesOnly() throws Exception {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());

        assertThat(TlsProbe.jdkHandshakes(address, "TLSv1.3", "TLS_AES_128_GCM_SHA256")).isTrue();
        assertThat(TlsProbe.jdkHandshakes(address, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")).isTrue();
        assertThat(TlsProbe.jdkHandshakes(address, "TLSv1.2", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")).isTrue();
        assertThat(TlsProbe.jdkHandshakes(address, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256")).as("CBC").isFalse();
        assertThat(TlsProbe.jdkHandshakes(address, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA")).as("CBC, SHA-1").isFalse();
        assertThat(TlsProbe.jdkHandshakes(address, "TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256")).as("static RSA").isFalse();
    }

    @Test
    void refusesAClientOfferingOnlyTls11() throws Exception {
        assumeTrue(TlsProbe.opensslAvailable(), "openssl s_client offers TLS 1.1; the JDK's client does not");
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());

        assertThat(TlsProbe.opensslHandshakes(address, "-tls1_2", "ECDHE-RSA-AES128-GCM-SHA256")).as("the same client on TLS 1.2").isTrue();
        assertThat(TlsProbe.opensslHandshakes(address, "-tls1_1", "ECDHE-RSA-AES128-SHA")).as("TLS 1.1").isFalse();
        assertThat(TlsProbe.opensslHandshakes(address, "-tls1_2", "ECDHE-RSA-AES128-SHA")).as("TLS 1.2 with a CBC, SHA-1 suite").isFalse();
    }

    @Test
    void aMalformedReviewIsABadRequestThatSaysWhy() throws Exception {
        HttpResponse<String> response = post("/picky", "[]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("expected an AdmissionReview\n");
    }

    @Test
    void servesARotatedCertificateToNewConnectionsWithoutARestart() throws Exception {
        assertThat(servedCertificate()).isEqualTo(serving.certificate());
        Serving rotated = CA.issueEc();

        rotated.writeTo(certDir, KeyFormat.PKCS8);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> servedCertificate().equals(rotated.certificate()));
        assertThat(post("/echo", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void stopsListening() {
        server.stop();

        assertThatThrownBy(() -> post("/echo", "{}")).isInstanceOf(ConnectException.class);
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.port() + path);
    }

    /** The certificate a fresh handshake gets. */
    private Certificate servedCertificate() throws IOException {
        try (SSLSocket socket = (SSLSocket) CA.clientContext().getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.startHandshake();
            return socket.getSession().getPeerCertificates()[0];
        }
    }
}

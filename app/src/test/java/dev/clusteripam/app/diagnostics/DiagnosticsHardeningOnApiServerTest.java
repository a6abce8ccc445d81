package dev.clusteripam.app.diagnostics;

import static dev.clusteripam.app.testing.MetricsReaders.allowMetricsReading;
import static dev.clusteripam.app.testing.MetricsReaders.serviceAccountToken;
import static dev.clusteripam.app.testing.MetricsScraper.scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.app.health.ProbeServer;
import dev.clusteripam.testing.kube.WithKubernetes;
import dev.clusteripam.webhook.server.ServerLimits;
import dev.clusteripam.webhook.testing.SlowClients;
import dev.clusteripam.webhook.testing.TlsProbe;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The diagnostics endpoint against the real API server, as a hostile client would try it: a flood
 * of requests with one token, slow clients holding connections, a client offering weak TLS.
 */
@WithKubernetes
class DiagnosticsHardeningOnApiServerTest {

    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsHardeningOnApiServerTest.class);
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress("127.0.0.1", 0);
    private static final int FLOOD = 50;
    private static final int SLOW_CLIENTS = 50;
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(1);

    @Test
    void aFloodOfRequestsWithOneTokenCostsOneReviewOfEachKind(KubernetesClient admin) throws Exception {
        String allowed = serviceAccountToken(admin, "prometheus");
        allowMetricsReading(admin, "prometheus");
        try (DiagnosticsServer server = DiagnosticsServer.startSecure(ANY_LOOPBACK_PORT, () -> "up 1\n", admin)) {
            URI metrics = URI.create("https://127.0.0.1:" + server.address().getPort() + "/metrics");
            ApiServerRequests tokenReviews = ApiServerRequests.of(admin, "tokenreviews");
            ApiServerRequests accessReviews = ApiServerRequests.of(admin, "subjectaccessreviews");

            double tokenReviewsBefore = tokenReviews.count();
            for (int i = 0; i < FLOOD; i++) {
                assertThat(scrape(metrics, Optional.of("not-a-token")).statusCode()).isEqualTo(401);
            }
            double badTokenReviews = tokenReviews.awaitSettled() - tokenReviewsBefore;
            LOG.info("{} requests with one bad token: TokenReviews={}", FLOOD, badTokenReviews);
            assertThat(badTokenReviews).isEqualTo(1);

            // RBAC reaches the API server's authorizer a moment after the binding; a denial is remembered for a while.
            await().atMost(CachingAuthorizer.DENIED_FOR.multipliedBy(6))
                    .until(() -> scrape(metrics, Optional.of(allowed)).statusCode(), status -> status == 200);
            double tokenReviewsAllowed = tokenReviews.awaitSettled();
            double accessReviewsAllowed = accessReviews.awaitSettled();
            for (int i = 0; i < FLOOD; i++) {
                assertThat(scrape(metrics, Optional.of(allowed)).statusCode()).isEqualTo(200);
            }
            double moreTokenReviews = tokenReviews.awaitSettled() - tokenReviewsAllowed;
            double moreAccessReviews = accessReviews.awaitSettled() - accessReviewsAllowed;
            LOG.info("{} more requests with an allowed token: TokenReviews={} SubjectAccessReviews={}", FLOOD, moreTokenReviews,
                    moreAccessReviews);
            assertThat(moreTokenReviews).as("TokenReviews, remembered for %s", CachingAuthorizer.ALLOWED_FOR).isEqualTo(0);
            assertThat(moreAccessReviews).as("SubjectAccessReviews").isEqualTo(0);
        }
    }

    @Test
    void fiftySlowClientsDelayNeitherAScrapeNorAProbePastOneSecond(KubernetesClient admin) throws Exception {
        String allowed = serviceAccountToken(admin, "prometheus");
        allowMetricsReading(admin, "prometheus");
        try (DiagnosticsServer diagnostics = DiagnosticsServer.startSecure(ANY_LOOPBACK_PORT, () -> "up 1\n", admin);
                ProbeServer probes = ProbeServer.start(ANY_LOOPBACK_PORT, List::of)) {
            URI metrics = URI.create("https://127.0.0.1:" + diagnostics.address().getPort() + "/metrics");
            URI readiness = URI.create("http://127.0.0.1:" + probes.address().getPort() + ProbeServer.READINESS_PATH);
            await().atMost(Duration.ofSeconds(60)).until(() -> scrape(metrics, Optional.of(allowed)).statusCode(), status -> status == 200);

            try (SlowClients onDiagnostics = SlowClients.open(diagnostics.address(),
                    Optional.of(TlsProbe.trustingAnyCertificate().getSocketFactory()), "/metrics", SLOW_CLIENTS, Duration.ofSeconds(5));
                    SlowClients onProbes = SlowClients.open(probes.address(), Optional.empty(), ProbeServer.READINESS_PATH, SLOW_CLIENTS,
                            Duration.ofSeconds(5))) {
                long scrapeMillis = millis(() -> assertThat(scrape(metrics, Optional.of(allowed)).statusCode()).isEqualTo(200));
                long probeMillis = millis(() -> assertThat(get(readiness)).isEqualTo(200));
                LOG.info("under {} slow clients each: scrape millis={} readiness probe millis={}", SLOW_CLIENTS, scrapeMillis, probeMillis);

                assertThat(onDiagnostics.placed()).isEqualTo(SLOW_CLIENTS);
                assertThat(onProbes.placed()).isEqualTo(SLOW_CLIENTS);
                assertThat(scrapeMillis).isLessThan(ANSWER_BOUND.toMillis());
                assertThat(probeMillis).isLessThan(ANSWER_BOUND.toMillis());
                await().atMost(ServerLimits.REQUEST_TIME.plusSeconds(5)).pollInterval(Duration.ofMillis(500))
                        .until(() -> List.of(onDiagnostics.closedByServer(), onProbes.closedByServer()), closed -> closed.equals(List.of(SLOW_CLIENTS, SLOW_CLIENTS)));
            }
        }
    }

    @Test
    void speaksTls12And13WithAeadSuitesOnly(KubernetesClient admin) throws Exception {
        try (DiagnosticsServer server = DiagnosticsServer.startSecure(ANY_LOOPBACK_PORT, () -> "up 1\n", admin)) {
            InetSocketAddress address = server.address();

            assertThat(TlsProbe.jdkHandshakes(address, "TLSv1.3", "TLS_AES_256_GCM_SHA384")).isTrue();
            assertThat(TlsProbe.jdkHandshakes(address, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")).isTrue();
            assertThat(TlsProbe.jdkHandshakes(address, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256")).as("CBC").isFalse();
            assertThat(TlsProbe.jdkHandshakes(address, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA")).as("CBC, SHA-1").isFalse();
            if (TlsProbe.opensslAvailable()) {
                assertThat(TlsProbe.opensslHandshakes(address, "-tls1_2", "ECDHE-ECDSA-AES128-GCM-SHA256")).isTrue();
                assertThat(TlsProbe.opensslHandshakes(address, "-tls1_1", "ECDHE-ECDSA-AES128-SHA")).as("TLS 1.1").isFalse();
            }
        }
    }

    private static int get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private interface Action {
        void run() throws Exception;
    }

    private static long millis(Action action) throws Exception {
        long started = System.nanoTime();
        action.run();
        return (System.nanoTime() - started) / 1_000_000;
    }
}

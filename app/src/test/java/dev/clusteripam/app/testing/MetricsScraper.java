package dev.clusteripam.app.testing;

import dev.clusteripam.webhook.testing.TlsProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Scrapes {@code /metrics} as a ServiceMonitor with {@code insecureSkipVerify} does: the provider
 * makes its certificate at start, so nobody can pin it; the bearer token is what authenticates.
 */
public final class MetricsScraper {

    private MetricsScraper() {
    }

    public static HttpResponse<String> scrape(URI uri, Optional<String> bearerToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return HttpClient.newBuilder().sslContext(TlsProbe.trustingAnyCertificate()).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

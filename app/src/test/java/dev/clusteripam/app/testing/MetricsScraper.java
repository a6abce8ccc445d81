package dev.clusteripam.app.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Scrapes {@code /metrics} as a ServiceMonitor with {@code insecureSkipVerify} does: the provider
 * makes its certificate at start, so nobody can pin it; the bearer token is what authenticates.
 */
public final class MetricsScraper {

    private static final TrustManager ANY_CERTIFICATE = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private MetricsScraper() {
    }

    public static HttpResponse<String> scrape(URI uri, Optional<String> bearerToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return HttpClient.newBuilder().sslContext(trustingAnyCertificate()).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trustingAnyCertificate() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {ANY_CERTIFICATE}, null);
        return context;
    }
}

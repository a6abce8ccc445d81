package dev.clusteripam.app.diagnostics;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * How many requests for one resource the API server has served, from its own
 * {@code apiserver_request_total}: what the provider really sent, counted where it arrived.
 */
final class ApiServerRequests {

    private static final Duration SETTLING = Duration.ofMillis(300);
    private static final int MAX_READS = 50;

    private final KubernetesClient admin;
    private final String metricsUri;
    private final String resourceLabel;

    private ApiServerRequests(KubernetesClient admin, String metricsUri, String resource) {
        this.admin = admin;
        this.metricsUri = metricsUri;
        this.resourceLabel = "resource=\"" + resource + "\"";
    }

    static ApiServerRequests of(KubernetesClient admin, String resource) throws URISyntaxException {
        return new ApiServerRequests(admin, admin.getMasterUrl().toURI().resolve("/metrics").toString(), resource);
    }

    /** The sum over every verb, code and scope. */
    double count() {
        return admin.raw(metricsUri).lines()
                .filter(line -> line.startsWith("apiserver_request_total{") && line.contains(resourceLabel))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The count once two reads a moment apart agree: requests just answered are recorded as they finish. */
    double awaitSettled() throws InterruptedException {
        double last = count();
        for (int read = 0; read < MAX_READS; read++) {
            Thread.sleep(SETTLING.toMillis());
            double now = count();
            if (now == last) {
                return now;
            }
            last = now;
        }
        throw new IllegalStateException("the count of " + resourceLabel + " kept changing: " + last);
    }
}

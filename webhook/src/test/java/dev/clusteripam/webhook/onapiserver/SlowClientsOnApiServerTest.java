package dev.clusteripam.webhook.onapiserver;

import static dev.clusteripam.webhook.testing.Pools.addresses;
import static dev.clusteripam.webhook.testing.Pools.ipPool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import dev.clusteripam.webhook.PoolWebhooks;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.webhook.server.ServerLimits;
import dev.clusteripam.webhook.testing.NoRetryClient;
import dev.clusteripam.webhook.testing.AdmissionWebhookPerTest;
import dev.clusteripam.webhook.testing.SlowClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slow clients (stalled handshakes, partial headers, trickled bodies) on the webhook's port do not
 * keep the API server's admission requests waiting, nor a conversion, and are cut off once a request has taken
 * {@link ServerLimits#REQUEST_TIME}.
 */
@WithKubernetes
class SlowClientsOnApiServerTest {

    private static final Logger LOG = LoggerFactory.getLogger(SlowClientsOnApiServerTest.class);
    private static final int SLOW_CLIENTS = 50;
    private static final Duration ADMISSION_BOUND = Duration.ofSeconds(1);

    @RegisterExtension
    final AdmissionWebhookPerTest webhookPerTest = new AdmissionWebhookPerTest();

    @Test
    void fiftySlowClientsDoNotDelayAnAdmissionPastOneSecondAndAreCutOff(ControlPlane plane, KubernetesClient namespaced)
            throws Exception {
        InetSocketAddress port = new InetSocketAddress("127.0.0.1", webhookPerTest.get().port());
        String path = PoolWebhooks.validatingPath(PoolKind.IN_CLUSTER_IP_POOL);
        try (KubernetesClient client = NoRetryClient.of(plane, namespaced.getNamespace());
                SlowClients slow = SlowClients.open(port, Optional.of(webhookPerTest.get().authority().clientContext().getSocketFactory()), path,
                        SLOW_CLIENTS, Duration.ofSeconds(5))) {
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                client.resource(webhookPerTest.get().labeled(ipPool(client.getNamespace(), "pool-" + i, addresses(24, "10.0." + i + ".0/24")))).create();
                millis.add((System.nanoTime() - started) / 1_000_000);
            }
            long started = System.nanoTime();
            HttpResponse<String> conversion = convertNothing();
            long conversionMillis = (System.nanoTime() - started) / 1_000_000;
            LOG.info("admission under {} slow clients ({} placed): millis={}; a conversion: millis={}", SLOW_CLIENTS, slow.placed(),
                    millis, conversionMillis);

            assertThat(slow.placed()).as("slow clients the server took").isEqualTo(SLOW_CLIENTS);
            assertThat(millis).as("each admission, in ms").allSatisfy(ms -> assertThat(ms).isLessThan(ADMISSION_BOUND.toMillis()));
            assertThat(conversion.statusCode()).isEqualTo(200);
            assertThat(conversion.body()).contains("\"status\":\"Success\"");
            assertThat(conversionMillis).as("the conversion webhook, on the same server").isLessThan(ADMISSION_BOUND.toMillis());
            Awaitility.await().atMost(ServerLimits.REQUEST_TIME.plusSeconds(5)).pollInterval(Duration.ofMillis(500))
                    .until(slow::closedByServer, closed -> closed == SLOW_CLIENTS);
        }
    }

    /** A ConversionReview with no objects, as the API server would post it, straight to the webhook's {@code /convert}. */
    private HttpResponse<String> convertNothing() throws Exception {
        String review = """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview","request":{
                  "uid":"slow-clients","desiredAPIVersion":"ipam.cluster.x-k8s.io/v1alpha2","objects":[]}}
                """;
        HttpClient client = HttpClient.newBuilder().sslContext(webhookPerTest.get().authority().clientContext()).build();
        return client.send(HttpRequest.newBuilder(URI.create(webhookPerTest.get().url(PoolWebhooks.CONVERSION_PATH)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(review)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

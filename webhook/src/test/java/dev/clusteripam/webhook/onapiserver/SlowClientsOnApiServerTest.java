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
import dev.clusteripam.webhook.testing.RunningWebhook;
import dev.clusteripam.webhook.testing.SlowClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slow clients (stalled handshakes, partial headers, trickled bodies) on the webhook's port do not
 * keep the API server's admission requests waiting, and are cut off once a request has taken
 * {@link ServerLimits#REQUEST_TIME}.
 */
@WithKubernetes
class SlowClientsOnApiServerTest {

    private static final Logger LOG = LoggerFactory.getLogger(SlowClientsOnApiServerTest.class);
    private static final int SLOW_CLIENTS = 50;
    private static final Duration ADMISSION_BOUND = Duration.ofSeconds(1);

    private RunningWebhook webhook;

    @BeforeEach
    void startTheWebhook(ControlPlane plane) throws Exception {
        webhook = RunningWebhook.start(plane);
        webhook.registerAdmission();
    }

    @AfterEach
    void removeTheWebhook() {
        webhook.close();
    }

    @Test
    void fiftySlowClientsDoNotDelayAnAdmissionPastOneSecondAndAreCutOff(ControlPlane plane, KubernetesClient namespaced)
            throws Exception {
        InetSocketAddress port = new InetSocketAddress("127.0.0.1", webhook.port());
        String path = PoolWebhooks.validatingPath(PoolKind.IN_CLUSTER_IP_POOL);
        try (KubernetesClient client = NoRetryClient.of(plane, namespaced.getNamespace());
                SlowClients slow = SlowClients.open(port, Optional.of(webhook.authority().clientContext().getSocketFactory()), path,
                        SLOW_CLIENTS, Duration.ofSeconds(5))) {
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                client.resource(webhook.labeled(ipPool(client.getNamespace(), "pool-" + i, addresses(24, "10.0." + i + ".0/24")))).create();
                millis.add((System.nanoTime() - started) / 1_000_000);
            }
            LOG.info("admission under {} slow clients ({} placed): millis={}", SLOW_CLIENTS, slow.placed(), millis);

            assertThat(slow.placed()).as("slow clients the server took").isEqualTo(SLOW_CLIENTS);
            assertThat(millis).as("each admission, in ms").allSatisfy(ms -> assertThat(ms).isLessThan(ADMISSION_BOUND.toMillis()));
            Awaitility.await().atMost(ServerLimits.REQUEST_TIME.plusSeconds(5)).pollInterval(Duration.ofMillis(500))
                    .until(slow::closedByServer, closed -> closed == SLOW_CLIENTS);
        }
    }
}

package dev.clusteripam.webhook.onapiserver;

import static dev.clusteripam.webhook.testing.Pools.addresses;
import static dev.clusteripam.webhook.testing.Pools.ipPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import dev.clusteripam.webhook.testing.NoRetryClient;
import dev.clusteripam.webhook.testing.Refusal;
import dev.clusteripam.webhook.testing.AdmissionWebhookPerTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * failurePolicy Fail, as upstream: while the webhook is unreachable no pool write gets through
 * unchecked; the operator is told which webhook failed and why.
 */
@WithKubernetes
class WebhookDownOnApiServerTest {

    @RegisterExtension
    final AdmissionWebhookPerTest webhookPerTest = new AdmissionWebhookPerTest();

    @Test
    void aPoolWriteIsRefusedWhileTheWebhookIsDown(ControlPlane plane, KubernetesClient namespaced) {
        try (KubernetesClient client = NoRetryClient.of(plane, namespaced.getNamespace())) {
            client.resource(webhookPerTest.get().labeled(ipPool(client.getNamespace(), "before", addresses(24, "10.0.0.0/24")))).create();

            webhookPerTest.get().stopServer();
            ThrowingCallable createDuring = () -> client.resource(
                    webhookPerTest.get().labeled(ipPool(client.getNamespace(), "during", addresses(24, "10.0.1.0/24")))).create();
            KubernetesClientException creation = Refusal.of(createDuring);
            for (int attempt = 1; attempt < 3 && !creation.getMessage().contains("connect: connection refused"); attempt++) {
                // The API server's kept-alive connection to the stopped webhook may fail first ("broken pipe",
                // "connection reset"); that write is refused too, and the next one dials and is refused there.
                creation = Refusal.of(createDuring);
            }
            KubernetesClientException deletion = Refusal.of(() -> client.resources(InClusterIPPool.class).withName("before").delete());

            assertThat(creation.getMessage()).contains("Internal error occurred: failed calling webhook"
                    + " \"default.inclusterippool.ipam.cluster.x-k8s.io\": failed to call webhook: Post \""
                    + webhookPerTest.get().url("/mutate-ipam-cluster-x-k8s-io-v1alpha2-inclusterippool"));
            assertThat(creation.getMessage()).contains("connect: connection refused");
            assertThat(client.resources(InClusterIPPool.class).withName("during").get()).isNull();
            assertThat(deletion.getMessage()).contains("failed calling webhook \"validation.inclusterippool.ipam.cluster.x-k8s.io\"");
            assertThat(client.resources(InClusterIPPool.class).withName("before").get()).isNotNull();
        }
    }

    @Test
    void objectsTheWebhooksDoNotSelectAreUnaffected(KubernetesClient client) {
        webhookPerTest.get().stopServer();

        assertThatCode(() -> client.resource(ipPool(client.getNamespace(), "unlabeled", addresses(24, "10.0.0.0/24"))).create())
                .doesNotThrowAnyException();
    }
}

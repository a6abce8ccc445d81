package dev.clusteripam.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.controller.Provider;
import dev.clusteripam.controller.ProviderOptions;
import dev.clusteripam.core.overlap.OverlapPolicy;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import dev.clusteripam.webhook.allocations.AllocationsUnavailableException;
import dev.clusteripam.webhook.allocations.PoolOverlaps;
import dev.clusteripam.webhook.testing.RunningWebhook;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, on the real API server: the admission webhook, answering from a running provider's
 * pool caches (as {@code run} wires them), warns the client about a pool that shares addresses
 * with another, naming the other pool and the range; with {@code --overlapping-pools=refuse} it
 * refuses it. Ranges from 198.51.100.0/22, which no other test's pools use.
 */
@WithKubernetes
class OverlappingPoolsOnApiServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void anOverlappingPoolIsAdmittedWithAWarningTheClientSees(KubernetesClient client, ControlPlane plane) throws Exception {
        String namespace = client.getNamespace();
        try (KubernetesClient providerClient = plane.newClient("default");
                Provider provider = Provider.start(providerClient, ProviderOptions.defaults(2));
                RunningWebhook webhook = RunningWebhook.start(plane, overlapsFrom(provider), OverlapPolicy.WARN)) {
            webhook.registerAdmission();
            client.resource(webhook.labeled(pool(namespace, "first", "198.51.101.10-198.51.101.20"))).create();
            awaitOverlappingCondition(client, "first");

            HttpResponse<String> response = post(client, namespace, webhook.labeled(pool(namespace, "second", "198.51.101.15-198.51.101.30")));

            assertThat(response.code()).as(response.body()).isEqualTo(201);
            assertThat(response.headers("Warning")).anySatisfy(warning -> assertThat(warning)
                    .contains("shares addresses with InClusterIPPool", namespace + "/first", "198.51.101.15-198.51.101.20"));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(awaitOverlappingCondition(client, "first").getReason())
                    .isEqualTo("PoolsOverlap"));
        }
    }

    @Test
    void refuseModeRefusesAnOverlappingPoolNamingTheOtherPoolAndTheRange(KubernetesClient client, ControlPlane plane) throws Exception {
        String namespace = client.getNamespace();
        try (KubernetesClient providerClient = plane.newClient("default");
                Provider provider = Provider.start(providerClient, ProviderOptions.defaults(2));
                RunningWebhook webhook = RunningWebhook.start(plane, overlapsFrom(provider), OverlapPolicy.REFUSE)) {
            webhook.registerAdmission();
            client.resource(webhook.labeled(pool(namespace, "kept", "198.51.102.10-198.51.102.20"))).create();
            awaitOverlappingCondition(client, "kept");

            InClusterIPPool refused = webhook.labeled(pool(namespace, "refused", "198.51.102.15-198.51.102.30"));

            assertThatThrownBy(() -> client.resource(refused).create()).isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("denied the request")
                    .hasMessageContaining("spec.addresses: Invalid value: \"198.51.102.15-198.51.102.20\": shares these addresses with"
                            + " InClusterIPPool \"" + namespace + "/kept\" (--overlapping-pools=refuse)");
            assertThat(client.resources(InClusterIPPool.class).withName("refused").get()).isNull();
            client.resource(webhook.labeled(pool(namespace, "beside", "198.51.102.21-198.51.102.30"))).create();
        }
    }

    /** As {@code run} wires the webhook to the provider. */
    private static PoolOverlaps overlapsFrom(Provider provider) {
        return (pool, addresses) -> provider.overlapsWith(pool, addresses)
                .orElseThrow(() -> new AllocationsUnavailableException("the provider's cache of pools is not loaded yet"));
    }

    /** Once the pool's Overlapping condition is written, the provider's pool cache has seen the pool. */
    private static Condition awaitOverlappingCondition(KubernetesClient client, String pool) {
        return await().atMost(PATIENCE).until(() -> {
            InClusterIPPool current = client.resources(InClusterIPPool.class).withName(pool).get();
            return current.getStatus() == null ? null : current.getStatus().getConditions().stream()
                    .filter(c -> "Overlapping".equals(c.getType())).findFirst().orElse(null);
        }, condition -> condition != null);
    }

    private static InClusterIPPool pool(String namespace, String name, String range) {
        InClusterIPPool pool = new InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        pool.setSpec(new InClusterIPPoolSpec(List.of(range), 24));
        return pool;
    }

    private static HttpResponse<String> post(KubernetesClient client, String namespace, InClusterIPPool pool) throws Exception {
        URI uri = client.getMasterUrl().toURI().resolve("/apis/ipam.cluster.x-k8s.io/v1alpha2/namespaces/" + namespace + "/inclusterippools");
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .uri(uri)
                .post("application/json", new KubernetesSerialization().asJson(pool))
                .build();
        return client.getHttpClient().sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
    }
}

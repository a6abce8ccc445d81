package dev.clusteripam.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.overlap.OverlapPolicy;
import dev.clusteripam.webhook.admission.AdmissionEndpoint;
import dev.clusteripam.webhook.conversion.ConversionEndpoint;
import dev.clusteripam.webhook.server.ReviewEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolWebhooksTest {

    private final Map<String, ReviewEndpoint> endpoints = PoolWebhooks.endpoints(pool -> List.of(), (pool, addresses) -> List.of(), OverlapPolicy.WARN);

    @Test
    void servesUpstreamsPathsSoThatExistingWebhookConfigurationsKeepWorking() {
        assertThat(endpoints).containsOnlyKeys(
                "/validate-ipam-cluster-x-k8s-io-v1alpha2-inclusterippool",
                "/validate-ipam-cluster-x-k8s-io-v1alpha2-globalinclusterippool",
                "/validate-ipam-cluster-x-k8s-io-v1alpha2-inclusterprefixpool",
                "/validate-ipam-cluster-x-k8s-io-v1alpha2-globalinclusterprefixpool",
                "/mutate-ipam-cluster-x-k8s-io-v1alpha2-inclusterippool",
                "/mutate-ipam-cluster-x-k8s-io-v1alpha2-globalinclusterippool",
                "/mutate-ipam-cluster-x-k8s-io-v1alpha2-inclusterprefixpool",
                "/mutate-ipam-cluster-x-k8s-io-v1alpha2-globalinclusterprefixpool",
                "/convert");
    }

    @Test
    void conversionTakesAWholePageOfAListAtOnce() {
        assertThat(endpoints.get("/convert")).isInstanceOf(ConversionEndpoint.class);
        assertThat(endpoints.get("/convert").maxRequestBytes()).isEqualTo(32 * 1024 * 1024);
        assertThat(endpoints.get("/validate-ipam-cluster-x-k8s-io-v1alpha2-inclusterippool"))
                .isInstanceOf(AdmissionEndpoint.class)
                .extracting(ReviewEndpoint::maxRequestBytes).isEqualTo(4 * 1024 * 1024);
    }
}

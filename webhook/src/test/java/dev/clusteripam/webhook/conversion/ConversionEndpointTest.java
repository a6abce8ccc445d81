package dev.clusteripam.webhook.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusteripam.webhook.server.MalformedReviewException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConversionEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConversionEndpoint endpoint = new ConversionEndpoint(new KubernetesSerialization());

    private static String review(String desiredApiVersion, String... objects) {
        return """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview","request":{
                  "uid":"0000-1111","desiredAPIVersion":"%s","objects":[%s]}}
                """.formatted(desiredApiVersion, String.join(",", objects));
    }

    private static String v1alpha1(String kind, String name, String spec) {
        return """
                {"apiVersion":"ipam.cluster.x-k8s.io/v1alpha1","kind":"%s","metadata":{"name":"%s","uid":"u-%s",
                 "resourceVersion":"42","labels":{"team":"net"}},"spec":%s}
                """.formatted(kind, name, name, spec);
    }

    @Test
    void convertsEveryObjectOfAReviewKeepingTheirOrderAndMetadata() throws Exception {
        JsonNode response = respond(review("ipam.cluster.x-k8s.io/v1alpha2",
                v1alpha1("InClusterIPPool", "a", "{\"subnet\":\"10.0.0.0/24\",\"gateway\":\"10.0.0.1\"}"),
                v1alpha1("GlobalInClusterIPPool", "b", "{\"addresses\":[\"fd00::10-fd00::20\"],\"prefix\":64}"))).path("response");

        assertThat(response.path("uid").asText()).isEqualTo("0000-1111");
        assertThat(response.path("result").path("status").asText()).isEqualTo("Success");
        JsonNode first = response.path("convertedObjects").get(0);
        assertThat(first.path("apiVersion").asText()).isEqualTo("ipam.cluster.x-k8s.io/v1alpha2");
        assertThat(first.path("kind").asText()).isEqualTo("InClusterIPPool");
        assertThat(first.path("metadata").path("uid").asText()).isEqualTo("u-a");
        assertThat(first.path("metadata").path("resourceVersion").asText()).isEqualTo("42");
        assertThat(first.path("metadata").path("labels").path("team").asText()).isEqualTo("net");
        assertThat(first.path("spec")).isEqualTo(JSON.readTree(
                "{\"addresses\":[\"10.0.0.1-10.0.0.254\"],\"prefix\":24,\"gateway\":\"10.0.0.1\"}"));
        JsonNode second = response.path("convertedObjects").get(1);
        assertThat(second.path("kind").asText()).isEqualTo("GlobalInClusterIPPool");
        assertThat(second.path("spec")).isEqualTo(JSON.readTree("{\"addresses\":[\"fd00::10-fd00::20\"],\"prefix\":64}"));
        assertThat(second.has("status")).isFalse();
    }

    @Test
    void convertsDown() throws Exception {
        String stored = """
                {"apiVersion":"ipam.cluster.x-k8s.io/v1alpha2","kind":"InClusterIPPool","metadata":{"name":"a","namespace":"ns"},
                 "spec":{"addresses":["10.0.0.10-10.0.0.20"],"prefix":24},
                 "status":{"ipAddresses":{"total":11,"free":10,"used":1,"outOfRange":0}}}
                """;

        JsonNode converted = respond(review("ipam.cluster.x-k8s.io/v1alpha1", stored)).path("response").path("convertedObjects").get(0);

        assertThat(converted.path("apiVersion").asText()).isEqualTo("ipam.cluster.x-k8s.io/v1alpha1");
        assertThat(converted.path("spec")).isEqualTo(JSON.readTree("{\"addresses\":[\"10.0.0.10-10.0.0.20\"],\"prefix\":24}"));
        assertThat(converted.path("status")).isEqualTo(JSON.readTree("{\"ipAddresses\":{\"total\":11,\"free\":10,\"used\":1,\"outOfRange\":0}}"));
    }

    @Test
    void anObjectAlreadyInTheDesiredVersionIsReturnedAsItCame() throws Exception {
        String object = v1alpha1("InClusterIPPool", "a", "{\"subnet\":\"10.0.0.0/24\"}");

        JsonNode converted = respond(review("ipam.cluster.x-k8s.io/v1alpha1", object)).path("response").path("convertedObjects").get(0);

        assertThat(converted).isEqualTo(JSON.readTree(object));
    }

    @Test
    void oneObjectThatCannotBeConvertedFailsTheReviewWithItsReason() throws Exception {
        JsonNode response = respond(review("ipam.cluster.x-k8s.io/v1alpha2",
                v1alpha1("InClusterIPPool", "good", "{\"subnet\":\"10.0.0.0/24\"}"),
                v1alpha1("InClusterIPPool", "bad", "{\"subnet\":\"10.0.0.0\"}"))).path("response");

        assertThat(response.path("result").path("status").asText()).isEqualTo("Failure");
        assertThat(response.path("result").path("message").asText())
                .isEqualTo("InClusterIPPool \"bad\": spec.subnet: Invalid value: \"10.0.0.0\": \"10.0.0.0\" is not a CIDR: no '/'");
        assertThat(response.path("convertedObjects")).isEmpty();
    }

    @Test
    void prefixPoolsHaveOneVersionAndNoConversion() throws Exception {
        JsonNode response = respond(review("ipam.cluster.x-k8s.io/v1alpha1",
                "{\"apiVersion\":\"ipam.cluster.x-k8s.io/v1alpha2\",\"kind\":\"InClusterPrefixPool\",\"metadata\":{\"name\":\"p\"}}"))
                .path("response");

        assertThat(response.path("result").path("status").asText()).isEqualTo("Failure");
        assertThat(response.path("result").path("message").asText()).isEqualTo("cluster-ipam converts InClusterIPPool and"
                + " GlobalInClusterIPPool between ipam.cluster.x-k8s.io/v1alpha1 and ipam.cluster.x-k8s.io/v1alpha2, not"
                + " InClusterPrefixPool from ipam.cluster.x-k8s.io/v1alpha2 to ipam.cluster.x-k8s.io/v1alpha1");
    }

    @Test
    void refusesWhatIsNoConversionReview() {
        assertThatThrownBy(() -> endpoint.respond("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedReviewException.class)
                .hasMessage("expected a ConversionReview of apiextensions.k8s.io/v1, got kind AdmissionReview of admission.k8s.io/v1");
    }

    private JsonNode respond(String review) throws MalformedReviewException, IOException {
        return JSON.readTree(endpoint.respond(review.getBytes(StandardCharsets.UTF_8)));
    }
}

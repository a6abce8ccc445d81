package dev.clusteripam.webhook.admission;

import static dev.clusteripam.webhook.admission.AdmissionRequests.SERIALIZATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusteripam.webhook.server.MalformedReviewException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdmissionEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String review(String apiVersion, String operation) {
        return """
                {"apiVersion":"%s","kind":"AdmissionReview","request":{
                  "uid":"705ab4f5-6393-11e8-b7cc-42010a800002",
                  "kind":{"group":"ipam.cluster.x-k8s.io","version":"v1alpha2","kind":"InClusterIPPool"},
                  "resource":{"group":"ipam.cluster.x-k8s.io","version":"v1alpha2","resource":"inclusterippools"},
                  "name":"pool","namespace":"ns","operation":"%s",
                  "userInfo":{"username":"admin","groups":["system:masters"]},
                  "object":{"apiVersion":"ipam.cluster.x-k8s.io/v1alpha2","kind":"InClusterIPPool",
                    "metadata":{"name":"pool","namespace":"ns"},"spec":{"addresses":["10.0.0.0/24"],"prefix":24}},
                  "oldObject":null,"dryRun":false,"options":{"apiVersion":"meta.k8s.io/v1","kind":"CreateOptions"}}}
                """.formatted(apiVersion, operation);
    }

    @ParameterizedTest
    @ValueSource(strings = {"admission.k8s.io/v1", "admission.k8s.io/v1beta1"})
    void answersInTheVersionAskedEchoingTheUid(String apiVersion) throws Exception {
        AdmissionEndpoint endpoint = new AdmissionEndpoint(request -> AdmissionVerdict.allow(List.of("mind the gap")), SERIALIZATION);

        JsonNode answer = respond(endpoint, review(apiVersion, "CREATE"));

        assertThat(answer.path("apiVersion").asText()).isEqualTo(apiVersion);
        assertThat(answer.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(answer.path("response").path("uid").asText()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(answer.path("response").path("allowed").asBoolean()).isTrue();
        assertThat(answer.path("response").path("warnings")).hasSize(1);
        assertThat(answer.path("response").has("status")).isFalse();
        assertThat(answer.path("response").has("patch")).isFalse();
    }

    @Test
    void aPolicySeesTheObjectsAsJsonMaps() throws Exception {
        List<Object> seen = new ArrayList<>();
        AdmissionEndpoint endpoint = new AdmissionEndpoint(request -> {
            seen.add(request.getObject());
            seen.add(request.getOldObject());
            return AdmissionVerdict.allow(List.of());
        }, SERIALIZATION);

        respond(endpoint, review("admission.k8s.io/v1", "CREATE"));

        assertThat(seen.get(0)).isInstanceOfSatisfying(Map.class, object -> assertThat(object.get("spec"))
                .isEqualTo(Map.of("addresses", List.of("10.0.0.0/24"), "prefix", 24)));
        assertThat(seen.get(1)).isNull();
    }

    @Test
    void aRefusalCarriesItsStatus() throws Exception {
        AdmissionEndpoint endpoint = new AdmissionEndpoint(
                request -> AdmissionVerdict.refuse(Refusals.badRequest("no, because"), List.of()), SERIALIZATION);

        JsonNode response = respond(endpoint, review("admission.k8s.io/v1", "DELETE")).path("response");

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("code").asInt()).isEqualTo(400);
        assertThat(response.path("status").path("reason").asText()).isEqualTo("BadRequest");
        assertThat(response.path("status").path("message").asText()).isEqualTo("no, because");
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void aPatchIsBase64EncodedJsonPatch() throws Exception {
        String patch = "[{\"op\":\"add\",\"path\":\"/spec/x\",\"value\":1}]";
        AdmissionEndpoint endpoint = new AdmissionEndpoint(request -> AdmissionVerdict.allowPatched(patch), SERIALIZATION);

        JsonNode response = respond(endpoint, review("admission.k8s.io/v1", "CREATE")).path("response");

        assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
        assertThat(new String(Base64.getDecoder().decode(response.path("patch").asText()), StandardCharsets.UTF_8)).isEqualTo(patch);
    }

    @Test
    void aFailingPolicyRefusesWithAnInternalError() throws Exception {
        AdmissionEndpoint endpoint = new AdmissionEndpoint(request -> {
            throw new IllegalArgumentException("a bug");
        }, SERIALIZATION);

        JsonNode response = respond(endpoint, review("admission.k8s.io/v1", "CREATE")).path("response");

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("code").asInt()).isEqualTo(500);
        assertThat(response.path("status").path("message").asText())
                .isEqualTo("the cluster-ipam webhook failed: java.lang.IllegalArgumentException: a bug");
    }

    @Test
    void refusesWhatIsNoAdmissionReview() {
        AdmissionEndpoint endpoint = new AdmissionEndpoint(request -> AdmissionVerdict.allow(List.of()), SERIALIZATION);

        assertThatThrownBy(() -> endpoint.respond("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedReviewException.class);
        assertThatThrownBy(() -> endpoint.respond(review("apiextensions.k8s.io/v1", "CREATE").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedReviewException.class)
                .hasMessage("expected an AdmissionReview of [admission.k8s.io/v1, admission.k8s.io/v1beta1], got kind"
                        + " AdmissionReview of apiextensions.k8s.io/v1");
        assertThatThrownBy(() -> endpoint.respond("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedReviewException.class)
                .hasMessage("the AdmissionReview lacks request.uid, request.kind or request.operation");
    }

    private static JsonNode respond(AdmissionEndpoint endpoint, String review) throws MalformedReviewException, IOException {
        return JSON.readTree(endpoint.respond(review.getBytes(StandardCharsets.UTF_8)));
    }
}

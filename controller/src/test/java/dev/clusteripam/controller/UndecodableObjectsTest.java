package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 12.1: an object the model cannot hold (stored before the CRD bounded the field, or with
 * the schema loosened by hand) never stops the provider. It is skipped and reported; every other
 * pool and claim keeps being served, across restarts too.
 */
@WithKubernetes
class UndecodableObjectsTest {

    private static final String IP_POOL_CRD = "inclusterippools.ipam.cluster.x-k8s.io";

    @Test
    void aPoolTheModelCannotHoldIsReportedAndEveryOtherPoolIsServed(ControlPlane plane, KubernetesClient client) {
        storeWithTheSchemaLoosened(client, poison(client.getNamespace(), "poison", 2_147_483_648L));
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("good", 24, List.of("10.0.0.0/24"), Optional.empty());

        try (InProcessProvider provider = InProcessProvider.start(plane)) {
            given.claim("served", "InClusterIPPool", "good");
            assertThat(given.awaitAddress("served").getSpec().getAddress()).isEqualTo("10.0.0.1");

            given.claim("waits", "InClusterIPPool", "poison");
            assertThat(given.awaitNotReady("waits", "PoolNotReady"))
                    .contains("poison")
                    .contains("spec.addressReuseGracePeriodSeconds: Invalid value: \"2147483648\": cannot be read: out of range of int32");
            await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> assertThat(poolReadyMessage(client, "poison"))
                    .hasValueSatisfying(m -> assertThat(m).contains("spec.addressReuseGracePeriodSeconds: Invalid value: \"2147483648\"")));
            assertThat(warningsAbout(client, "poison")).as("a Warning event on the pool")
                    .anySatisfy(message -> assertThat(message).contains("spec.addressReuseGracePeriodSeconds"));
        }

        // Mended, the pool is served like any other.
        client.genericKubernetesResources("ipam.cluster.x-k8s.io/v1alpha2", "InClusterIPPool").withName("poison")
                .edit(pool -> {
                    ((Map<String, Object>) pool.getAdditionalProperties().get("spec")).put("addressReuseGracePeriodSeconds", 30);
                    return pool;
                });
        try (InProcessProvider restarted = InProcessProvider.start(plane)) {
            assertThat(given.awaitAddress("waits").getSpec().getAddress()).isEqualTo("10.1.0.1");
        }
    }

    @Test
    void anIPAddressWhosePrefixDoesNotFitStillKeepsItsAddressTaken(ControlPlane plane, KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.empty());
        // Cluster API's v1beta1 schema leaves the prefix unbounded; v1beta2, which we read, says int32.
        client.resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("ipam.cluster.x-k8s.io/v1beta1").withKind("IPAddress")
                .withNewMetadata().withNamespace(client.getNamespace()).withName("hand-made").endMetadata()
                .addToAdditionalProperties("spec", Map.of("address", "10.0.0.1", "prefix", 4_294_967_296L,
                        "claimRef", Map.of("name", "hand-made"),
                        "poolRef", Map.of("apiGroup", "ipam.cluster.x-k8s.io", "kind", "InClusterIPPool", "name", "pool")))
                .build()).create();

        try (InProcessProvider provider = InProcessProvider.start(plane)) {
            given.claim("a", "InClusterIPPool", "pool");
            assertThat(given.awaitAddress("a").getSpec().getAddress()).as("10.0.0.1 is held by the hand-made IPAddress").isEqualTo("10.0.0.2");
            await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> assertThat(warningsAbout(client, "hand-made"))
                    .anySatisfy(message -> assertThat(message).contains("spec.prefix: Invalid value: \"4294967296\"")));
        }
    }

    @Test
    void aMegabyteEntryIsQuotedBoundedSoThatTheClaimStillGetsItsCondition(ControlPlane plane, KubernetesClient client) {
        String huge = "10.0.0." + "1".repeat(1_000_000);
        storeWithTheSchemaLoosened(client, new GenericKubernetesResourceBuilder()
                .withApiVersion("ipam.cluster.x-k8s.io/v1alpha2").withKind("InClusterIPPool")
                .withNewMetadata().withNamespace(client.getNamespace()).withName("huge").endMetadata()
                .addToAdditionalProperties("spec", Map.of("addresses", List.of(huge), "prefix", 24))
                .build());
        ClaimScenarios given = new ClaimScenarios(client);

        try (InProcessProvider provider = InProcessProvider.start(plane)) {
            given.claim("waits", "InClusterIPPool", "huge");
            String message = given.awaitNotReady("waits", "PoolNotReady");
            assertThat(message).contains("spec.addresses[0]").hasSizeLessThan(4096);
            await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> assertThat(poolReadyMessage(client, "huge"))
                    .hasValueSatisfying(m -> assertThat(m).contains("spec.addresses[0]").hasSizeLessThan(4096)));
        }
    }

    private static GenericKubernetesResource poison(String namespace, String name, long gracePeriod) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("ipam.cluster.x-k8s.io/v1alpha2").withKind("InClusterIPPool")
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .addToAdditionalProperties("spec", Map.of("addresses", List.of("10.1.0.0/24"), "prefix", 24,
                        "addressReuseGracePeriodSeconds", gracePeriod))
                .build();
    }

    /** Stores {@code object} as it could have been stored before the CRD bounded its integers, then restores the CRD. */
    private static void storeWithTheSchemaLoosened(KubernetesClient client, GenericKubernetesResource object) {
        CustomResourceDefinition original = client.apiextensions().v1().customResourceDefinitions().withName(IP_POOL_CRD).get();
        client.apiextensions().v1().customResourceDefinitions().withName(IP_POOL_CRD).edit(crd -> {
            crd.getSpec().getVersions().forEach(version -> unbound(version.getSchema().getOpenAPIV3Schema()));
            return crd;
        });
        try {
            // The API server validates with the new schema as soon as it has seen the update.
            await().atMost(ClaimScenarios.PATIENCE).ignoreExceptions().until(() -> client.resource(object).create() != null);
        } finally {
            client.apiextensions().v1().customResourceDefinitions().withName(IP_POOL_CRD).edit(crd -> {
                crd.setSpec(original.getSpec());
                return crd;
            });
        }
    }

    private static void unbound(JSONSchemaProps schema) {
        if (schema == null) {
            return;
        }
        schema.setMaximum(null);
        schema.setMinimum(null);
        schema.setMaxLength(null);
        schema.setMaxItems(null);
        schema.setFormat("integer".equals(schema.getType()) ? null : schema.getFormat());
        schema.setXKubernetesValidations(null);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(UndecodableObjectsTest::unbound);
        }
        if (schema.getItems() != null) {
            unbound(schema.getItems().getSchema());
        }
    }

    private static List<String> warningsAbout(KubernetesClient client, String name) {
        return client.v1().events().list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()) && "Undecodable".equals(e.getReason()))
                .map(io.fabric8.kubernetes.api.model.Event::getMessage).toList();
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> poolReadyMessage(KubernetesClient client, String name) {
        GenericKubernetesResource pool = client.genericKubernetesResources("ipam.cluster.x-k8s.io/v1alpha2", "InClusterIPPool")
                .withName(name).get();
        Map<String, Object> status = (Map<String, Object>) pool.getAdditionalProperties().get("status");
        if (status == null || !(status.get("conditions") instanceof List<?> conditions)) {
            return Optional.empty();
        }
        return conditions.stream().map(c -> (Map<String, Object>) c)
                .filter(c -> "Ready".equals(c.get("type")) && "False".equals(c.get("status")))
                .map(c -> String.valueOf(c.get("message"))).findFirst();
    }
}

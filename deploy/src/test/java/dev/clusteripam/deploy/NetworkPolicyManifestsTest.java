package dev.clusteripam.deploy;

import static dev.clusteripam.deploy.Manifests.field;
import static dev.clusteripam.deploy.ReleaseArtifacts.NAMESPACE;
import static dev.clusteripam.deploy.ReleaseArtifacts.NAME_PREFIX;
import static dev.clusteripam.deploy.ReleaseArtifacts.PROVIDER_LABEL;
import static dev.clusteripam.deploy.ReleaseArtifacts.PROVIDER_LABEL_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * config/network-policy, as an operator applies it next to the release ({@code kubectl apply -k}):
 * built by the pinned kubectl's kustomize, accepted by the real API server in a server-side dry
 * run, and aimed at the release's own pod and ports: the webhook port for the API server, the
 * metrics port for the scraper, nothing else.
 */
@WithKubernetes
class NetworkPolicyManifestsTest {

    private static Manifests policies;
    private static Manifests components;

    @BeforeAll
    static void build() {
        String kubectl = RepositoryScripts.toolsDirectory().resolve("kubectl").toString();
        policies = Manifests.parse(RepositoryScripts.run(Map.of(), kubectl, "kustomize",
                RepositoryScripts.root().resolve("config/network-policy").toString()).stdout());
        components = ReleaseArtifacts.get().componentObjects();
    }

    @Test
    void theApiServerAcceptsEveryPolicyInAServerSideDryRun(KubernetesClient admin) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .serverSideApply();

        assertThat(policies.all()).extracting(GenericKubernetesResource::getKind).containsOnly("NetworkPolicy").hasSize(2);
        for (GenericKubernetesResource policy : policies.all()) {
            GenericKubernetesResource accepted = admin.resource(policy).dryRun().fieldManager("kubectl-dry-run")
                    .forceConflicts().serverSideApply();
            assertThat(accepted.getMetadata().getName()).isEqualTo(policy.getMetadata().getName());
        }
    }

    @Test
    void eachPolicyIsInTheProviderNamespaceAndSelectsTheProvidersPod() {
        Map<String, Object> podLabels = field(components.single("Deployment"), "spec", "template", "metadata", "labels");

        assertThat(policies.all()).allSatisfy(policy -> {
            assertThat(policy.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
            assertThat(policy.getMetadata().getName()).startsWith(NAME_PREFIX);
            assertThat(policy.getMetadata().getLabels()).containsEntry(PROVIDER_LABEL, PROVIDER_LABEL_VALUE);
            assertThat(podLabels).containsAllEntriesOf(field(policy, "spec", "podSelector", "matchLabels"));
            assertThat((List<Object>) field(policy, "spec", "policyTypes")).containsExactly("Ingress");
            assertThat((List<Object>) field(policy, "spec", "ingress")).as("one rule, one port").hasSize(1);
        });
    }

    @Test
    void theWebhookPortIsOpenToTheApiServersAddressesAndTheMetricsPortToPrometheusPodsOfTheMonitoringNamespace() {
        GenericKubernetesResource webhook = policies.require("NetworkPolicy", NAME_PREFIX + "webhook-from-api-server");
        GenericKubernetesResource metrics = policies.require("NetworkPolicy", NAME_PREFIX + "metrics-from-scraper");

        assertThat((List<Object>) field(webhook, "spec", "ingress", "0", "ports")).containsExactly(Map.of("protocol", "TCP",
                "port", containerPort("webhook-server")));
        assertThat((List<Object>) field(webhook, "spec", "ingress", "0", "from")).allSatisfy(source ->
                assertThat((Map<String, Object>) source).containsOnlyKeys("ipBlock"));

        assertThat((List<Object>) field(metrics, "spec", "ingress", "0", "ports")).containsExactly(Map.of("protocol", "TCP",
                "port", containerPort("metrics")));
        assertThat((Map<String, Object>) field(metrics, "spec", "ingress", "0", "from", "0")).isEqualTo(Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")),
                "podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "prometheus"))));
    }

    private static int containerPort(String name) {
        List<Map<String, Object>> ports = field(components.single("Deployment"), "spec", "template", "spec", "containers", "0", "ports");
        return ports.stream().filter(port -> name.equals(port.get("name"))).map(port -> (Integer) port.get("containerPort"))
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + name));
    }
}

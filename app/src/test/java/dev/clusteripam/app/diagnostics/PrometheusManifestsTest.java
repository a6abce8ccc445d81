package dev.clusteripam.app.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * config/prometheus against the Prometheus Operator's own CRDs on the real API server: every object
 * is accepted in a server-side dry run with strict field validation, so that a misspelt field is
 * refused here rather than silently pruned in a cluster. The CRDs come from the Prometheus
 * Operator's Go module, fetched through the Go module proxy like the control plane's sources.
 */
@WithKubernetes
class PrometheusManifestsTest {

    /** The release whose CRDs the manifests are checked against; ServiceMonitor and PrometheusRule are monitoring.coreos.com/v1. */
    private static final String PROMETHEUS_OPERATOR = "github.com/prometheus-operator/prometheus-operator@v0.85.0";
    private static final Path REPOSITORY = Path.of(System.getProperty("cluster-ipam.repo-root")).toAbsolutePath().normalize();
    private static final Path MANIFESTS = REPOSITORY.resolve("config/prometheus");

    @BeforeAll
    static void installPrometheusOperatorCrds(ControlPlane plane) throws IOException, InterruptedException {
        Path crds = moduleDirectory().resolve("example/prometheus-operator-crd");
        plane.applyCrds(crds.resolve("monitoring.coreos.com_servicemonitors.yaml"), crds.resolve("monitoring.coreos.com_prometheusrules.yaml"));
    }

    @Test
    void everyObjectIsAcceptedByTheApiServer(KubernetesClient client) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (String resource : kustomizationResources()) {
            try (InputStream in = Files.newInputStream(MANIFESTS.resolve(resource))) {
                objects.addAll(client.load(in).items());
            }
        }
        assertThat(objects).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("ServiceMonitor", "PrometheusRule", "ClusterRole");

        for (HasMetadata object : objects) {
            if (object.getMetadata().getNamespace() != null) {
                // kustomize puts them into the provider's namespace; here, into the test's.
                object.getMetadata().setNamespace(client.getNamespace());
            }
            HasMetadata accepted = client.resource(object).dryRun().fieldValidation(FieldValidateable.Validation.STRICT).create();
            assertThat(accepted.getMetadata().getName()).isEqualTo(object.getMetadata().getName());
        }
    }

    @Test
    void theServiceMonitorScrapesThePortNamedMetricsOverHttpsWithTheServiceAccountToken(KubernetesClient client) throws IOException {
        GenericKubernetesResource monitor;
        try (InputStream in = Files.newInputStream(MANIFESTS.resolve("monitor.yaml"))) {
            monitor = (GenericKubernetesResource) client.load(in).items().get(0);
        }
        JsonNode endpoint = new ObjectMapper().valueToTree(monitor.getAdditionalProperties().get("spec")).path("endpoints").get(0);

        assertThat(endpoint.path("port").asText()).isEqualTo("metrics");
        assertThat(endpoint.path("scheme").asText()).isEqualTo("https");
        assertThat(endpoint.path("bearerTokenFile").asText()).isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount/token");
        assertThat(endpoint.path("tlsConfig").path("insecureSkipVerify").asBoolean()).isTrue();
    }

    private static List<String> kustomizationResources() throws IOException {
        JsonNode kustomization = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(MANIFESTS.resolve("kustomization.yaml").toFile());
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(resource -> resources.add(resource.asText()));
        return resources;
    }

    /** Where Go's module cache holds the Prometheus Operator's sources, downloading them the first time. */
    private static Path moduleDirectory() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("go", "mod", "download", "-json", PROMETHEUS_OPERATOR)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        // As hack/control-plane builds: with the Go on the PATH, never a toolchain fetched on the side.
        builder.environment().put("GOTOOLCHAIN", "local");
        Process download = builder.start();
        download.getOutputStream().close();
        String output = new String(download.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!download.waitFor(10, TimeUnit.MINUTES) || download.exitValue() != 0) {
            throw new IOException("go mod download " + PROMETHEUS_OPERATOR + " failed: " + output);
        }
        return Path.of(new ObjectMapper().readTree(output).path("Dir").asText());
    }
}

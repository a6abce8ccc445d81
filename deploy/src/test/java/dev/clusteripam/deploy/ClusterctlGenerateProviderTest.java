package dev.clusteripam.deploy;

import static dev.clusteripam.deploy.Manifests.field;
import static dev.clusteripam.deploy.ReleaseArtifacts.NAMESPACE;
import static dev.clusteripam.deploy.ReleaseArtifacts.PROVIDER_LABEL;
import static dev.clusteripam.deploy.ReleaseArtifacts.PROVIDER_LABEL_VALUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real clusterctl, pointed at a local provider repository holding the release artifacts, as an
 * operator's clusterctl configuration would point at a release URL: it must produce the components,
 * and the real API server must accept every object it produces.
 */
@WithKubernetes
class ClusterctlGenerateProviderTest {

    /** Kinds of operators the test control plane does not run; their objects are checked for shape. */
    private static final Set<String> GROUPS_WITHOUT_CRDS_HERE = Set.of("cert-manager.io", "monitoring.coreos.com");

    @TempDir
    Path workspace;

    @Test
    void generatesTheComponentsWithTheVariablesDefaultsFilledIn() throws IOException {
        ReleaseArtifacts release = ReleaseArtifacts.get();
        Manifests generated = Manifests.parse(generateProvider(release, Map.of()));

        Manifests released = release.componentObjects();
        assertThat(generated.all()).extracting(Manifests::describe)
                .containsExactlyInAnyOrderElementsOf(released.all().stream().map(Manifests::describe).toList());
        assertThat(generated.all()).allSatisfy(object -> assertThat(object.getMetadata().getLabels())
                .as(Manifests.describe(object))
                .containsEntry(PROVIDER_LABEL, PROVIDER_LABEL_VALUE)
                .containsKey("clusterctl.cluster.x-k8s.io"));

        Map<String, Object> container = field(generated.single("Deployment"), "spec", "template", "spec", "containers", "0");
        assertThat(field(container, "image").toString()).isEqualTo("ghcr.io/cluster-ipam/cluster-ipam:" + release.version());
        assertThat((List<Object>) field(container, "args")).containsExactly(
                "--leader-elect", "--diagnostics-address=:8443", "--insecure-diagnostics=false", "--log-format=text");
    }

    @Test
    void takesTheImageAndSettingsFromTheOperatorsVariables() throws IOException {
        Manifests generated = Manifests.parse(generateProvider(ReleaseArtifacts.get(), Map.of(
                "CLUSTER_IPAM_IMAGE", "registry.example.com/mirror/cluster-ipam:v9.9.9",
                "CAPI_INSECURE_DIAGNOSTICS", "true",
                "CLUSTER_IPAM_LOG_FORMAT", "json")));

        Map<String, Object> container = field(generated.single("Deployment"), "spec", "template", "spec", "containers", "0");
        assertThat(field(container, "image").toString()).isEqualTo("registry.example.com/mirror/cluster-ipam:v9.9.9");
        assertThat((List<Object>) field(container, "args")).contains("--insecure-diagnostics=true", "--log-format=json");
    }

    @Test
    void theApiServerAcceptsEveryObjectInAServerSideDryRun(KubernetesClient admin) throws IOException {
        Manifests generated = Manifests.parse(generateProvider(ReleaseArtifacts.get(), Map.of()));
        // A dry run does not create the namespace, and namespaced objects need it: create it for real
        // (the RBAC test shares it; creating it is idempotent).
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .serverSideApply();

        List<String> refused = new ArrayList<>();
        List<GenericKubernetesResource> withoutCrdHere = new ArrayList<>();
        for (GenericKubernetesResource object : generated.all()) {
            if (!isServed(admin, object)) {
                withoutCrdHere.add(object);
                continue;
            }
            try {
                GenericKubernetesResource accepted = admin.resource(object).dryRun().fieldManager("clusterctl-dry-run")
                        .forceConflicts().serverSideApply();
                assertThat(accepted.getMetadata().getName()).isEqualTo(object.getMetadata().getName());
            } catch (KubernetesClientException e) {
                refused.add(Manifests.describe(object) + ": " + e.getCode() + " " + e.getMessage());
            }
        }
        assertThat(refused).isEmpty();

        assertThat(withoutCrdHere).extracting(ClusterctlGenerateProviderTest::group).allMatch(GROUPS_WITHOUT_CRDS_HERE::contains);
        assertThat(withoutCrdHere).extracting(GenericKubernetesResource::getKind).containsExactlyInAnyOrder("Issuer", "Certificate");
        assertCertManagerShapes(generated);
    }

    @Test
    void theDryRunRefusesAnObjectTheApiServerWouldRefuse(KubernetesClient admin) throws IOException {
        GenericKubernetesResource deployment = Manifests.parse(generateProvider(ReleaseArtifacts.get(), Map.of())).single("Deployment");
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .serverSideApply();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) deployment.getAdditionalProperties().get("spec");
        spec.put("replicas", -1);

        KubernetesClientException refusal = catchThrowableOfType(KubernetesClientException.class,
                () -> admin.resource(deployment).dryRun().fieldManager("clusterctl-dry-run").forceConflicts().serverSideApply());

        assertThat(refusal).as("a Deployment with replicas -1 must be refused, or the dry run checks nothing").isNotNull();
        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getMessage()).contains("spec.replicas");
    }

    /** What cert-manager's own validation would insist on, as far as the objects show it. */
    private static void assertCertManagerShapes(Manifests generated) {
        GenericKubernetesResource issuer = generated.single("Issuer");
        GenericKubernetesResource certificate = generated.single("Certificate");
        for (GenericKubernetesResource object : List.of(issuer, certificate)) {
            assertThat(object.getApiVersion()).isEqualTo("cert-manager.io/v1");
            assertThat(object.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
            assertThat(object.getMetadata().getName()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        }
        assertThat((Map<String, Object>) field(issuer, "spec", "selfSigned")).isNotNull();
        assertThat(field(certificate, "spec", "secretName").toString()).isNotBlank();
        assertThat((List<Object>) field(certificate, "spec", "dnsNames")).isNotEmpty();
        assertThat((Map<String, Object>) field(certificate, "spec", "issuerRef"))
                .containsEntry("name", issuer.getMetadata().getName()).containsEntry("kind", "Issuer");
    }

    /** Whether the API server serves the object's kind (discovery, as kubectl asks). */
    private static boolean isServed(KubernetesClient admin, GenericKubernetesResource object) {
        APIResourceList resources;
        try {
            resources = admin.getApiResources(object.getApiVersion());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
        return resources != null && resources.getResources().stream()
                .filter(resource -> !resource.getName().contains("/"))
                .map(APIResource::getKind).anyMatch(object.getKind()::equals);
    }

    private static String group(GenericKubernetesResource object) {
        String apiVersion = object.getApiVersion();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    /**
     * {@code clusterctl generate provider --ipam in-cluster:<version>} with a configuration whose
     * provider URL is a {@code file://} repository laid out as clusterctl wants it:
     * {@code <base>/<provider label>/<version>/ipam-components.yaml} and {@code metadata.yaml}.
     * No network: the version check is off and HOME and XDG directories are empty ones of our own.
     */
    private String generateProvider(ReleaseArtifacts release, Map<String, String> variables) throws IOException {
        Path versionDirectory = Files.createDirectories(
                workspace.resolve("repository").resolve(PROVIDER_LABEL_VALUE).resolve(release.version()));
        Files.copy(release.components(), versionDirectory.resolve(ReleaseArtifacts.COMPONENTS_FILE));
        Files.copy(release.metadata(), versionDirectory.resolve(ReleaseArtifacts.METADATA_FILE));
        Path configuration = workspace.resolve("clusterctl.yaml");
        Files.writeString(configuration, """
                providers:
                - name: %s
                  url: %s
                  type: IPAMProvider
                """.formatted(ReleaseArtifacts.PROVIDER_NAME, versionDirectory.resolve(ReleaseArtifacts.COMPONENTS_FILE).toUri()));

        Path home = Files.createDirectories(workspace.resolve("home"));
        Map<String, String> environment = new HashMap<>(variables);
        environment.put("HOME", home.toString());
        environment.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        environment.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        environment.put("CLUSTERCTL_DISABLE_VERSIONCHECK", "true");
        Path clusterctl = RepositoryScripts.toolsDirectory().resolve("clusterctl");
        RepositoryScripts.Output output = RepositoryScripts.run(environment, clusterctl.toString(),
                "generate", "provider", "--ipam", ReleaseArtifacts.PROVIDER_NAME + ":" + release.version(),
                "--config", configuration.toString());
        assertThat(output.stdout()).contains("kind: Deployment").doesNotContain("${");
        return output.stdout();
    }
}

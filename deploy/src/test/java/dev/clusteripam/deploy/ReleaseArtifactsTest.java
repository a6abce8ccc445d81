package dev.clusteripam.deploy;

import static dev.clusteripam.deploy.Manifests.field;
import static dev.clusteripam.deploy.ReleaseArtifacts.NAMESPACE;
import static dev.clusteripam.deploy.ReleaseArtifacts.NAME_PREFIX;
import static dev.clusteripam.deploy.ReleaseArtifacts.PROVIDER_LABEL;
import static dev.clusteripam.deploy.ReleaseArtifacts.PROVIDER_LABEL_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.webhook.PoolWebhooks;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code hack/release} writes, read as clusterctl and the API server will get it: upstream's
 * names and label, one namespace, least-privilege RBAC, a locked-down Deployment, and webhook
 * configurations that call exactly the paths the provider serves.
 */
class ReleaseArtifactsTest {

    private static final String CERT_DIR = "/tmp/k8s-webhook-server/serving-certs";

    private static ReleaseArtifacts release;
    private static Manifests components;

    @BeforeAll
    static void writeRelease() {
        release = ReleaseArtifacts.get();
        components = release.componentObjects();
    }

    @Test
    void everyObjectCarriesTheProviderLabel() {
        assertThat(components.all()).hasSizeGreaterThan(10).allSatisfy(object ->
                assertThat(object.getMetadata().getLabels()).as(Manifests.describe(object))
                        .containsEntry(PROVIDER_LABEL, PROVIDER_LABEL_VALUE));
    }

    @Test
    void everyNamespacedObjectIsInTheProviderNamespaceAndNamedWithItsPrefix() {
        assertThat(components.single("Namespace").getMetadata().getName()).isEqualTo(NAMESPACE);
        for (GenericKubernetesResource object : components.all()) {
            String kind = object.getKind();
            if (Manifests.CLUSTER_SCOPED_KINDS.contains(kind)) {
                assertThat(object.getMetadata().getNamespace()).as(Manifests.describe(object)).isNull();
            } else {
                assertThat(object.getMetadata().getNamespace()).as(Manifests.describe(object)).isEqualTo(NAMESPACE);
            }
            if (!kind.equals("Namespace") && !kind.equals("CustomResourceDefinition")) {
                assertThat(object.getMetadata().getName()).as(Manifests.describe(object)).startsWith(NAME_PREFIX);
            }
        }
    }

    @Test
    void theCrdsAreExactlyTheGeneratedOnes() throws IOException {
        List<String> generated;
        try (Stream<Path> files = Files.list(RepositoryScripts.root().resolve("config/crd/bases"))) {
            generated = files.map(file -> file.getFileName().toString())
                    .map(name -> name.replaceFirst("^([^_]+)_(.+)\\.yaml$", "$2.$1")).sorted().toList();
        }
        assertThat(components.ofKind("CustomResourceDefinition")).extracting(crd -> crd.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(generated)
                .contains("ipallocationblocks.ledger.cluster-ipam.dev");
    }

    @Test
    void noRbacRuleUsesAWildcard() {
        List<GenericKubernetesResource> roles = new ArrayList<>(components.ofKind("ClusterRole"));
        roles.addAll(components.ofKind("Role"));
        assertThat(roles).hasSize(2);
        for (GenericKubernetesResource role : roles) {
            List<Map<String, Object>> rules = field(role, "rules");
            assertThat(rules).as(Manifests.describe(role)).isNotEmpty();
            for (Map<String, Object> rule : rules) {
                for (String list : List.of("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs")) {
                    List<String> values = field(rule, list);
                    if (values != null) {
                        assertThat(values).as(Manifests.describe(role) + " " + list).noneMatch(value -> value.contains("*"));
                    }
                }
            }
        }
    }

    @Test
    void theServiceAccountIsBoundToTheClusterRoleAndTheLeaderElectionRole() {
        GenericKubernetesResource account = components.single("ServiceAccount");
        Map<String, Object> subject = Map.of("kind", "ServiceAccount", "name", account.getMetadata().getName(), "namespace", NAMESPACE);

        GenericKubernetesResource clusterBinding = components.single("ClusterRoleBinding");
        assertThat(field(clusterBinding, "roleRef", "name").toString()).isEqualTo(components.single("ClusterRole").getMetadata().getName());
        assertThat(field(clusterBinding, "roleRef", "kind").toString()).isEqualTo("ClusterRole");
        assertThat((List<Object>) field(clusterBinding, "subjects")).containsExactly(subject);

        GenericKubernetesResource binding = components.single("RoleBinding");
        assertThat(field(binding, "roleRef", "name").toString()).isEqualTo(components.single("Role").getMetadata().getName());
        assertThat((List<Object>) field(binding, "subjects")).containsExactly(subject);
        assertThat((List<Object>) field(components.single("Role"), "rules")).containsExactly(
                Map.of("apiGroups", List.of("coordination.k8s.io"), "resources", List.of("leases"), "verbs", List.of("get", "create", "update", "patch")));

        assertThat(field(deployment(), "spec", "template", "spec", "serviceAccountName").toString())
                .isEqualTo(account.getMetadata().getName());
    }

    @Test
    void theDeploymentRunsLockedDown() {
        Map<String, Object> pod = field(deployment(), "spec", "template", "spec");
        assertThat(field(pod, "securityContext", "runAsNonRoot").toString()).isEqualTo("true");
        assertThat(field(pod, "securityContext", "seccompProfile", "type").toString()).isEqualTo("RuntimeDefault");

        Map<String, Object> container = manager();
        Map<String, Object> security = field(container, "securityContext");
        assertThat(security).containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("runAsNonRoot", true)
                .containsEntry("runAsUser", 65532)
                .containsEntry("runAsGroup", 65532);
        assertThat((List<Object>) field(security, "capabilities", "drop")).containsExactly("ALL");
        assertThat(field(security, "seccompProfile", "type").toString()).isEqualTo("RuntimeDefault");

        // The JVM may write only where a volume is: /tmp (an emptyDir) and the read-only certificates.
        assertThat(mountSource(pod, container, "/tmp")).containsKey("emptyDir");
        assertThat(mountSource(pod, container, CERT_DIR)).containsKey("secret");
    }

    @Test
    void theDeploymentProbesHealthAndReadinessOnPort8081() {
        Map<String, Object> container = manager();
        assertThat(field(container, "livenessProbe", "httpGet", "path").toString()).isEqualTo("/healthz");
        assertThat(field(container, "readinessProbe", "httpGet", "path").toString()).isEqualTo("/readyz");
        assertThat(containerPort(container, field(container, "livenessProbe", "httpGet", "port"))).isEqualTo(8081);
        assertThat(containerPort(container, field(container, "readinessProbe", "httpGet", "port"))).isEqualTo(8081);
    }

    @Test
    void theDeploymentHasMeasuredResourcesAndAJvmThatKeepsWithinThem() {
        Map<String, Object> container = manager();
        Map<String, Object> resources = field(container, "resources");
        assertThat((Map<String, Object>) field(resources, "requests")).containsKeys("cpu", "memory");
        assertThat((Map<String, Object>) field(resources, "limits")).containsEntry("memory", "512Mi");
        String javaOptions = environment(container).get("JAVA_TOOL_OPTIONS");
        assertThat(javaOptions).contains("-XX:MaxRAMPercentage=60", "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void theDeploymentPassesUpstreamsArgumentsAndTheImageAsClusterctlVariables() {
        Map<String, Object> container = manager();
        assertThat((List<Object>) field(container, "args")).contains(
                "--leader-elect",
                "--diagnostics-address=${CAPI_DIAGNOSTICS_ADDRESS:=:8443}",
                "--insecure-diagnostics=${CAPI_INSECURE_DIAGNOSTICS:=false}");
        assertThat(field(container, "image").toString())
                .isEqualTo("${CLUSTER_IPAM_IMAGE:=ghcr.io/cluster-ipam/cluster-ipam:" + release.version() + "}");
    }

    @Test
    void theWebhookCertificateIsTheSecretTheDeploymentMounts() {
        GenericKubernetesResource certificate = components.single("Certificate");
        GenericKubernetesResource issuer = components.single("Issuer");
        GenericKubernetesResource service = webhookService();
        Map<String, Object> pod = field(deployment(), "spec", "template", "spec");

        assertThat(field(certificate, "spec", "secretName").toString())
                .isEqualTo(field(mountSource(pod, manager(), CERT_DIR), "secret", "secretName"));
        assertThat(field(certificate, "spec", "issuerRef", "name").toString()).isEqualTo(issuer.getMetadata().getName());
        assertThat(field(certificate, "spec", "issuerRef", "kind").toString()).isEqualTo("Issuer");
        assertThat((Map<String, Object>) field(issuer, "spec", "selfSigned")).isNotNull();
        String host = service.getMetadata().getName() + "." + NAMESPACE + ".svc";
        assertThat((List<Object>) field(certificate, "spec", "dnsNames")).containsExactly(host, host + ".cluster.local");
    }

    @Test
    void theWebhookServiceReachesTheWebhookPort9443AndTheMetricsServiceTheDiagnosticsPort8443() {
        Map<String, Object> container = manager();
        Map<String, Object> podLabels = field(deployment(), "spec", "template", "metadata", "labels");

        GenericKubernetesResource webhook = webhookService();
        Map<String, Object> webhookPort = field(webhook, "spec", "ports", "0");
        assertThat(webhookPort).containsEntry("port", 443);
        assertThat(containerPort(container, webhookPort.get("targetPort"))).isEqualTo(9443);
        assertThat(podLabels).containsAllEntriesOf(field(webhook, "spec", "selector"));

        GenericKubernetesResource metrics = components.require("Service", NAME_PREFIX + "controller-manager-metrics-service");
        Map<String, Object> metricsPort = field(metrics, "spec", "ports", "0");
        assertThat(metricsPort).containsEntry("port", 8443).containsEntry("name", "metrics");
        assertThat(containerPort(container, metricsPort.get("targetPort"))).isEqualTo(8443);
        assertThat(podLabels).containsAllEntriesOf(field(metrics, "spec", "selector"));
    }

    @Test
    void theAdmissionWebhooksCallThePathsTheProviderServesForEveryPoolKind() {
        GenericKubernetesResource validating = components.single("ValidatingWebhookConfiguration");
        GenericKubernetesResource mutating = components.single("MutatingWebhookConfiguration");
        for (GenericKubernetesResource configuration : List.of(validating, mutating)) {
            assertThat(configuration.getMetadata().getAnnotations())
                    .containsEntry("cert-manager.io/inject-ca-from", certificateReference());
        }
        for (PoolKind kind : PoolKind.values()) {
            assertWebhook(validating, "validation." + kind.lowerCase() + ".ipam.cluster.x-k8s.io", kind,
                    PoolWebhooks.validatingPath(kind), List.of("CREATE", "UPDATE", "DELETE"));
            assertWebhook(mutating, "default." + kind.lowerCase() + ".ipam.cluster.x-k8s.io", kind,
                    PoolWebhooks.mutatingPath(kind), List.of("CREATE", "UPDATE"));
        }
        assertThat((List<Object>) field(validating, "webhooks")).hasSize(PoolKind.values().length);
        assertThat((List<Object>) field(mutating, "webhooks")).hasSize(PoolKind.values().length);
    }

    @Test
    void everyCrdServingTwoVersionsConvertsThroughTheProvidersConversionPath() {
        List<GenericKubernetesResource> converting = components.ofKind("CustomResourceDefinition").stream()
                .filter(crd -> ((List<?>) field(crd, "spec", "versions")).size() > 1).toList();
        assertThat(converting).extracting(crd -> crd.getMetadata().getName())
                .containsExactlyInAnyOrder("inclusterippools.ipam.cluster.x-k8s.io", "globalinclusterippools.ipam.cluster.x-k8s.io");
        for (GenericKubernetesResource crd : converting) {
            Map<String, Object> conversion = field(crd, "spec", "conversion");
            assertThat(conversion).as(crd.getMetadata().getName()).containsEntry("strategy", "Webhook");
            assertThat((List<Object>) field(conversion, "webhook", "conversionReviewVersions")).containsExactly("v1");
            assertThat((Map<String, Object>) field(conversion, "webhook", "clientConfig", "service")).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "name", webhookService().getMetadata().getName(), "namespace", NAMESPACE, "path", PoolWebhooks.CONVERSION_PATH));
            assertThat(crd.getMetadata().getAnnotations()).containsEntry("cert-manager.io/inject-ca-from", certificateReference());
        }
    }

    @Test
    void metadataDeclaresTheReleaseSeriesWithContractV1beta2() {
        GenericKubernetesResource document = Manifests.parse(release.metadataText()).single("Metadata");
        assertThat(document.getApiVersion()).isEqualTo("clusterctl.cluster.x-k8s.io/v1alpha3");
        String[] version = release.version().substring(1).split("[.-]");
        assertThat((List<Object>) document.getAdditionalProperties().get("releaseSeries")).containsExactly(Map.of(
                "major", Integer.parseInt(version[0]), "minor", Integer.parseInt(version[1]), "contract", "v1beta2"));
    }

    private static void assertWebhook(GenericKubernetesResource configuration, String name, PoolKind kind, String path,
            List<String> operations) {
        List<Map<String, Object>> webhooks = field(configuration, "webhooks");
        Map<String, Object> webhook = webhooks.stream().filter(w -> name.equals(w.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no webhook " + name + " in " + Manifests.describe(configuration)));
        assertThat((Map<String, Object>) field(webhook, "clientConfig", "service")).as(name).containsExactlyInAnyOrderEntriesOf(Map.of(
                "name", webhookService().getMetadata().getName(), "namespace", NAMESPACE, "path", path));
        assertThat(webhook).as(name)
                .containsEntry("failurePolicy", "Fail")
                .containsEntry("sideEffects", "None")
                .containsEntry("matchPolicy", "Equivalent")
                .containsEntry("admissionReviewVersions", List.of("v1"));
        assertThat((List<Object>) field(webhook, "rules")).as(name).containsExactly(Map.of(
                "apiGroups", List.of(PoolKind.GROUP),
                "apiVersions", List.of("v1alpha2"),
                "operations", operations,
                "resources", List.of(kind.lowerCase() + "s")));
    }

    private static String certificateReference() {
        return NAMESPACE + "/" + components.single("Certificate").getMetadata().getName();
    }

    private static GenericKubernetesResource deployment() {
        return components.single("Deployment");
    }

    private static GenericKubernetesResource webhookService() {
        return components.require("Service", NAME_PREFIX + "webhook-service");
    }

    private static Map<String, Object> manager() {
        List<Map<String, Object>> containers = field(deployment(), "spec", "template", "spec", "containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, String> environment(Map<String, Object> container) {
        List<Map<String, Object>> env = field(container, "env");
        Map<String, String> values = new HashMap<>();
        env.stream().filter(e -> e.get("value") != null).forEach(e -> values.put((String) e.get("name"), (String) e.get("value")));
        return values;
    }

    /** A port given by number or by name, as the container's port number. */
    private static int containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        List<Map<String, Object>> ports = field(container, "ports");
        return ports.stream().filter(p -> Objects.equals(port, p.get("name"))).map(p -> (Integer) p.get("containerPort"))
                .findFirst().orElseThrow(() -> new AssertionError("no container port named " + port));
    }

    /** The volume mounted at {@code path}. */
    private static Map<String, Object> mountSource(Map<String, Object> pod, Map<String, Object> container, String path) {
        List<Map<String, Object>> mounts = field(container, "volumeMounts");
        String volume = mounts.stream().filter(m -> path.equals(m.get("mountPath"))).map(m -> (String) m.get("name"))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + path));
        List<Map<String, Object>> volumes = field(pod, "volumes");
        return volumes.stream().filter(v -> volume.equals(v.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + volume));
    }
}

package dev.clusteripam.app.cli;

import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.app.run.ServingCertificateFiles;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.webhook.PoolWebhooks;
import dev.clusteripam.webhook.allocations.InformerPoolAllocations;
import dev.clusteripam.webhook.server.WebhookServer;
import dev.clusteripam.webhook.server.WebhookServerConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Admission as a cluster runs it: the committed CRDs, and our webhook server in this JVM registered
 * as upstream's validating and mutating webhooks of the four pool kinds (for objects carrying
 * {@link #LABEL_KEY}, so that other tests on the control plane are not affected).
 */
final class AdmissionOnApiServer implements AutoCloseable {

    static final String LABEL_KEY = "admission-test.cluster-ipam.dev/run";

    private final KubernetesClient admin;
    private final InformerPoolAllocations allocations;
    private final WebhookServer server;
    private final String run;

    private AdmissionOnApiServer(KubernetesClient admin, InformerPoolAllocations allocations, WebhookServer server, String run) {
        this.admin = admin;
        this.allocations = allocations;
        this.server = server;
        this.run = run;
    }

    static AdmissionOnApiServer start(ControlPlane plane, Path certDir) throws Exception {
        try (var files = Files.list(RepositoryRoot.path().resolve("config/crd/bases"))) {
            plane.applyCrds(files.sorted().toArray(Path[]::new));
        }
        ServingCertificateFiles.writeSelfSigned(certDir);
        KubernetesClient admin = plane.newClient("default");
        InformerPoolAllocations allocations = InformerPoolAllocations.start(admin);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(allocations::hasSynced);
        WebhookServer server = WebhookServer.start(WebhookServerConfig.of(InetAddress.getLoopbackAddress(), 0, certDir),
                PoolWebhooks.endpoints(allocations));
        AdmissionOnApiServer admission = new AdmissionOnApiServer(admin, allocations, server,
                UUID.randomUUID().toString().substring(0, 8));
        admission.register(Base64.getEncoder().encodeToString(Files.readAllBytes(certDir.resolve("tls.crt"))));
        return admission;
    }

    /** The label value that sends an object through this run's webhooks. */
    String run() {
        return run;
    }

    private void register(String caBundle) {
        ValidatingWebhookConfigurationBuilder validating = new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata().withName(configurationName()).endMetadata();
        MutatingWebhookConfigurationBuilder mutating = new MutatingWebhookConfigurationBuilder()
                .withNewMetadata().withName(configurationName()).endMetadata();
        for (PoolKind kind : PoolKind.values()) {
            var rule = new RuleWithOperationsBuilder().withApiGroups("ipam.cluster.x-k8s.io").withApiVersions("v1alpha2")
                    .withOperations("CREATE", "UPDATE").withResources(kind.lowerCase() + "s").build();
            var selector = new LabelSelectorBuilder().addToMatchLabels(LABEL_KEY, run).build();
            validating.addToWebhooks(new ValidatingWebhookBuilder()
                    .withName("validation." + kind.lowerCase() + ".ipam.cluster.x-k8s.io")
                    .withAdmissionReviewVersions("v1").withSideEffects("None").withFailurePolicy("Fail").withTimeoutSeconds(10)
                    .withClientConfig(new WebhookClientConfigBuilder().withUrl(url(PoolWebhooks.validatingPath(kind)))
                            .withCaBundle(caBundle).build())
                    .withObjectSelector(selector).withRules(rule).build());
            mutating.addToWebhooks(new MutatingWebhookBuilder()
                    .withName("default." + kind.lowerCase() + ".ipam.cluster.x-k8s.io")
                    .withAdmissionReviewVersions("v1").withSideEffects("None").withFailurePolicy("Fail").withTimeoutSeconds(10)
                    .withClientConfig(new WebhookClientConfigBuilder().withUrl(url(PoolWebhooks.mutatingPath(kind)))
                            .withCaBundle(caBundle).build())
                    .withObjectSelector(selector).withRules(rule).build());
        }
        admin.resource(validating.build()).create();
        admin.resource(mutating.build()).create();
        awaitWebhooksInEffect();
    }

    /**
     * The API server picks up webhook configurations from a watch; until then it calls nothing, and
     * a pool only the webhook refuses would be stored. A range that starts after it ends is such a pool.
     */
    private void awaitWebhooksInEffect() {
        GenericKubernetesResource probe = new GenericKubernetesResource();
        probe.setApiVersion("ipam.cluster.x-k8s.io/v1alpha2");
        probe.setKind("GlobalInClusterIPPool");
        probe.setMetadata(new ObjectMetaBuilder().withName("probe-" + run).addToLabels(LABEL_KEY, run).build());
        probe.setAdditionalProperty("spec", Map.of("addresses", List.of("10.0.0.9-10.0.0.1"), "prefix", 24));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                admin.resource(probe).dryRun().create();
                return false;
            } catch (KubernetesClientException e) {
                return e.getMessage().contains("denied the request");
            }
        });
    }

    private String url(String path) {
        return "https://127.0.0.1:" + server.port() + path;
    }

    private String configurationName() {
        return "cluster-ipam-admission-test-" + run;
    }

    @Override
    public void close() {
        try {
            admin.admissionRegistration().v1().validatingWebhookConfigurations().withName(configurationName()).delete();
            admin.admissionRegistration().v1().mutatingWebhookConfigurations().withName(configurationName()).delete();
        } finally {
            server.stop();
            allocations.close();
            admin.close();
        }
    }
}

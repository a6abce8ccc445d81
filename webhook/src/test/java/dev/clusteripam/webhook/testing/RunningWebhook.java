package dev.clusteripam.webhook.testing;

import static dev.clusteripam.webhook.testing.Pools.addresses;

import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool;
import dev.clusteripam.core.overlap.OverlapPolicy;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.webhook.PoolWebhooks;
import dev.clusteripam.webhook.allocations.PoolOverlaps;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.webhook.server.WebhookServer;
import dev.clusteripam.webhook.server.WebhookServerConfig;
import dev.clusteripam.webhook.testing.TestCertificates.KeyFormat;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * The webhook server running in the test JVM for a real API server: a CA and serving certificate
 * made for the test, the server on a free loopback port, an IPAddress informer, and webhook
 * configurations (upstream's webhooks, with {@code clientConfig.url} instead of a Service) that
 * only objects carrying {@link #label()} reach, so that other test classes on the same control
 * plane are not affected.
 */
public final class RunningWebhook implements AutoCloseable {

    public static final String LABEL_KEY = "webhook-test.cluster-ipam.dev/run";

    private final KubernetesClient admin;
    private final TestCertificates authority;
    private final Path certDir;
    private final String run;
    private final CachedPoolAddresses allocations;
    private final WebhookServer server;
    private boolean admissionRegistered;

    private RunningWebhook(KubernetesClient admin, TestCertificates authority, Path certDir, String run,
            CachedPoolAddresses allocations, WebhookServer server) {
        this.admin = admin;
        this.authority = authority;
        this.certDir = certDir;
        this.run = run;
        this.allocations = allocations;
        this.server = server;
    }

    /** Starts the server and the informer; registers nothing yet. */
    public static RunningWebhook start(ControlPlane plane) throws Exception {
        return start(plane, WebhookServerConfig.DEFAULT_CERT_CHECK_INTERVAL);
    }

    /** As {@link #start(ControlPlane)}, checking the certificate files for a rotation every {@code certCheckInterval}. */
    public static RunningWebhook start(ControlPlane plane, Duration certCheckInterval) throws Exception {
        return start(plane, certCheckInterval, (pool, addresses) -> List.of(), OverlapPolicy.WARN);
    }

    /** As {@link #start(ControlPlane)}, checking new and changed pools against the pools {@code overlaps} knows, as {@code policy} says. */
    public static RunningWebhook start(ControlPlane plane, PoolOverlaps overlaps, OverlapPolicy policy) throws Exception {
        return start(plane, WebhookServerConfig.DEFAULT_CERT_CHECK_INTERVAL, overlaps, policy);
    }

    private static RunningWebhook start(ControlPlane plane, Duration certCheckInterval, PoolOverlaps overlaps, OverlapPolicy policy)
            throws Exception {
        TestCertificates authority = TestCertificates.newAuthority();
        Path certDir = Files.createTempDirectory("webhook-certs-");
        authority.issueRsa().writeTo(certDir, KeyFormat.TRADITIONAL);
        KubernetesClient admin = plane.newClient("default");
        CachedPoolAddresses allocations = CachedPoolAddresses.start(admin);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(allocations::hasSynced);
        WebhookServerConfig config = new WebhookServerConfig(InetAddress.getLoopbackAddress(), 0, certDir,
                WebhookServerConfig.DEFAULT_CERT_NAME, WebhookServerConfig.DEFAULT_KEY_NAME, certCheckInterval);
        WebhookServer server = WebhookServer.start(config, PoolWebhooks.endpoints(allocations, overlaps, policy));
        String run = UUID.randomUUID().toString().substring(0, 8);
        return new RunningWebhook(admin, authority, certDir, run, allocations, server);
    }

    /** The label value objects carry to reach this run's webhooks. */
    public String label() {
        return run;
    }

    /** {@code object}, labelled for this run's webhooks. */
    public <T extends HasMetadata> T labeled(T object) {
        Map<String, String> labels = new HashMap<>(object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels());
        labels.put(LABEL_KEY, run);
        object.getMetadata().setLabels(labels);
        return object;
    }

    public String url(String path) {
        return "https://127.0.0.1:" + server.port() + path;
    }

    public CachedPoolAddresses allocations() {
        return allocations;
    }

    public TestCertificates authority() {
        return authority;
    }

    /** The directory the server reads {@code tls.crt} and {@code tls.key} from. */
    public Path certDir() {
        return certDir;
    }

    public int port() {
        return server.port();
    }

    /** Stops the server, leaving the configurations that point at it in place. */
    public void stopServer() {
        server.stop();
    }

    /**
     * Registers upstream's validating and mutating webhooks of the four pool kinds, for this run's
     * objects, and waits until the API server calls them.
     */
    public void registerAdmission() {
        List<ValidatingWebhook> validating = new ArrayList<>();
        List<MutatingWebhook> mutating = new ArrayList<>();
        for (PoolKind kind : PoolKind.values()) {
            String resource = kind.lowerCase() + "s";
            validating.add(new ValidatingWebhookBuilder()
                    .withName("validation." + kind.lowerCase() + ".ipam.cluster.x-k8s.io")
                    .withAdmissionReviewVersions("v1", "v1beta1")
                    .withClientConfig(clientConfig(PoolWebhooks.validatingPath(kind)))
                    .withFailurePolicy("Fail")
                    .withMatchPolicy("Equivalent")
                    .withSideEffects("None")
                    .withTimeoutSeconds(5)
                    .withObjectSelector(thisRunsObjects())
                    .withRules(poolRule(resource, "CREATE", "UPDATE", "DELETE"))
                    .build());
            mutating.add(new MutatingWebhookBuilder()
                    .withName("default." + kind.lowerCase() + ".ipam.cluster.x-k8s.io")
                    .withAdmissionReviewVersions("v1", "v1beta1")
                    .withClientConfig(clientConfig(PoolWebhooks.mutatingPath(kind)))
                    .withFailurePolicy("Fail")
                    .withMatchPolicy("Equivalent")
                    .withSideEffects("None")
                    .withTimeoutSeconds(5)
                    .withObjectSelector(thisRunsObjects())
                    .withRules(poolRule(resource, "CREATE", "UPDATE"))
                    .build());
        }
        admin.admissionRegistration().v1().validatingWebhookConfigurations().resource(new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata().withName(configurationName()).endMetadata()
                .withWebhooks(validating)
                .build()).create();
        admin.admissionRegistration().v1().mutatingWebhookConfigurations().resource(new MutatingWebhookConfigurationBuilder()
                .withNewMetadata().withName(configurationName()).endMetadata()
                .withWebhooks(mutating)
                .build()).create();
        admissionRegistered = true;
        awaitValidationInEffect();
    }

    /** The API server picks up webhook configurations from a watch: until then it calls nothing. */
    private void awaitValidationInEffect() {
        // A range that starts after it ends: the CRD's rules let it through (two addresses), the webhook refuses it.
        GlobalInClusterIPPool probe = labeled(Pools.globalIpPool("probe-" + run, addresses(24, "10.0.0.9-10.0.0.1")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                admin.resource(probe).dryRun().create();
                return false;
            } catch (KubernetesClientException e) {
                return e.getMessage().contains("denied the request");
            }
        });
    }

    /** Only objects labelled for this run reach its webhooks. */
    private LabelSelector thisRunsObjects() {
        return new LabelSelectorBuilder().addToMatchLabels(LABEL_KEY, run).build();
    }

    /** The v1alpha2 pool resource {@code resource}, for {@code operations}. */
    private static RuleWithOperations poolRule(String resource, String... operations) {
        return new RuleWithOperationsBuilder()
                .withApiGroups("ipam.cluster.x-k8s.io")
                .withApiVersions("v1alpha2")
                .withOperations(operations)
                .withResources(resource)
                .build();
    }

    private WebhookClientConfig clientConfig(String path) {
        return new WebhookClientConfigBuilder().withUrl(url(path)).withCaBundle(authority.caBundleBase64()).build();
    }

    private String configurationName() {
        return "cluster-ipam-webhook-test-" + run.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        try {
            if (admissionRegistered) {
                admin.admissionRegistration().v1().validatingWebhookConfigurations().withName(configurationName()).delete();
                admin.admissionRegistration().v1().mutatingWebhookConfigurations().withName(configurationName()).delete();
            }
        } finally {
            server.stop();
            allocations.close();
            admin.close();
            deleteCertDir();
        }
    }

    /** Deepest first; symbolic links (a Secret volume's layout) are removed, not followed. */
    private void deleteCertDir() {
        try (Stream<Path> files = Files.walk(certDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

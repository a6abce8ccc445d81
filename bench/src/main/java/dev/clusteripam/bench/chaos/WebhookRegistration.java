package dev.clusteripam.bench.chaos;

import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The provider's admission webhooks as shipped in {@code config/webhook/manifests.yaml}, with the
 * Service reference replaced by a loopback URL on the provider's port (there is no Service
 * without a cluster network) and limited to one namespace, registered with the API server.
 */
final class WebhookRegistration {

    private WebhookRegistration() {
    }

    /** Registers them and waits until the API server calls them (it learns of them from a watch). */
    static void register(KubernetesClient client, Path repo, WebhookCertificates certificates, String namespace, Duration timeout)
            throws IOException, InterruptedException {
        LabelSelector onlyThisNamespace = new LabelSelectorBuilder().addToMatchLabels("kubernetes.io/metadata.name", namespace).build();
        List<HasMetadata> manifests;
        try (InputStream in = Files.newInputStream(repo.resolve("config/webhook/manifests.yaml"))) {
            manifests = client.load(in).items();
        }
        for (HasMetadata manifest : manifests) {
            manifest.getMetadata().setName("chaos-" + namespace + "-" + manifest.getMetadata().getName());
            if (manifest instanceof ValidatingWebhookConfiguration validating) {
                validating.getWebhooks().forEach(webhook -> {
                    webhook.setClientConfig(loopback(webhook.getClientConfig(), certificates));
                    webhook.setNamespaceSelector(onlyThisNamespace);
                });
            } else if (manifest instanceof MutatingWebhookConfiguration mutating) {
                mutating.getWebhooks().forEach(webhook -> {
                    webhook.setClientConfig(loopback(webhook.getClientConfig(), certificates));
                    webhook.setNamespaceSelector(onlyThisNamespace);
                });
            }
            client.resource(manifest).create();
        }
        awaitInEffect(client, namespace, timeout);
    }

    private static WebhookClientConfig loopback(WebhookClientConfig shipped, WebhookCertificates certificates) {
        WebhookClientConfig config = new WebhookClientConfig();
        config.setUrl("https://127.0.0.1:" + certificates.port() + shipped.getService().getPath());
        config.setCaBundle(certificates.caBundleBase64());
        return config;
    }

    /**
     * A pool the webhook refuses, written as a dry run until the refusal comes from the webhook. The
     * CRD's schema admits it (an IPv4 pool with prefix 33; the schema allows up to 128), so the
     * refusal can come only from the webhook: an entry that is no address is refused by the schema.
     */
    private static void awaitInEffect(KubernetesClient client, String namespace, Duration timeout) throws InterruptedException {
        InClusterIPPool probe = Pools.ipPool(namespace, "webhook-probe", List.of("10.99.0.0/24"), 33);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                client.resource(probe).dryRun().create();
            } catch (KubernetesClientException e) {
                if (String.valueOf(e.getMessage()).contains("denied the request")) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the webhooks were not in effect within " + timeout);
    }
}

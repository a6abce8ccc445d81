package dev.clusteripam.webhook.testing;

import dev.clusteripam.testing.kube.ControlPlane;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * A cluster-admin client that reports a server error at once, as kubectl does. fabric8 otherwise
 * retries a 500 (a failed webhook call, a failed conversion) ten times with growing pauses.
 */
public final class NoRetryClient {

    private NoRetryClient() {
    }

    public static KubernetesClient of(ControlPlane plane, String namespace) {
        Config config = new ConfigBuilder(Config.fromKubeconfig(plane.kubeconfig().toFile()))
                .withNamespace(namespace)
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}

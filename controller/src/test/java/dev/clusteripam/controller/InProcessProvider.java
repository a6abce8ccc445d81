package dev.clusteripam.controller;

import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.testing.kube.ControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** A provider running in the test JVM against the real control plane, with a client of its own. */
final class InProcessProvider implements AutoCloseable {

    private final KubernetesClient client;
    private final Provider provider;
    private final AtomicBoolean closed = new AtomicBoolean();

    private InProcessProvider(KubernetesClient client, Provider provider) {
        this.client = client;
        this.provider = provider;
    }

    static InProcessProvider start(ControlPlane plane) {
        return start(plane, ProviderOptions.defaults(4));
    }

    static InProcessProvider start(ControlPlane plane, ProviderOptions options) {
        return start(plane, options, Provider.ORPHAN_SWEEP_INTERVAL);
    }

    static InProcessProvider start(ControlPlane plane, ProviderOptions options, Duration sweepInterval) {
        return start(plane, options, ProviderMetrics.unserved(), sweepInterval);
    }

    static InProcessProvider start(ControlPlane plane, ProviderOptions options, ProviderMetrics metrics, Duration sweepInterval) {
        KubernetesClient client = plane.newClient("default");
        return new InProcessProvider(client, Provider.start(client, options, metrics, sweepInterval));
    }

    String identity() {
        return provider.identity();
    }

    @Override
    public void close() {
        // A test may stop a provider early (a leader hand-over); the resource block closes it again.
        if (closed.compareAndSet(false, true)) {
            provider.close();
            client.close();
        }
    }
}

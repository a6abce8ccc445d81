package dev.clusteripam.controller;

import dev.clusteripam.controller.claim.ClaimReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;

/**
 * The provider: the Java Operator SDK operator with our reconcilers registered. The entry point
 * (flags, health, metrics) wires it; tests start it in-process against the real API server.
 */
public final class Provider implements AutoCloseable {

    private final Operator operator;

    private Provider(Operator operator) {
        this.operator = operator;
    }

    /**
     * Starts reconciling with {@code client}; returns once every informer has synced.
     *
     * @param maxConcurrentReconciles how many claims are reconciled at once
     */
    public static Provider start(KubernetesClient client, int maxConcurrentReconciles) {
        Operator operator = new Operator(o -> o
                .withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withConcurrentReconciliationThreads(maxConcurrentReconciles)
                .withStopOnInformerErrorDuringStartup(true));
        operator.register(new ClaimReconciler(client, Clock.systemUTC()), claims -> claims
                .withName("ipaddressclaims")
                .withFinalizer(ClaimReconciler.RELEASE_ADDRESS_FINALIZER)
                // Our own status writes do not change what we decide; everything else may.
                .withGenerationAware(false)
                .withOnAddFilter(ClaimReconciler::isOurs)
                .withOnUpdateFilter(ClaimReconciler::isRelevantUpdate)
                .withGenericFilter(ClaimReconciler::isOurs));
        operator.start();
        return new Provider(operator);
    }

    @Override
    public void close() {
        operator.stop();
    }
}

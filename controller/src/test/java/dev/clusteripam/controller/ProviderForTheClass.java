package dev.clusteripam.controller;

import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.testing.kube.ControlPlane;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-process provider serving every test of a class, started before the first test and
 * stopped after the last: {@code @RegisterExtension static final ProviderForTheClass PROVIDER = new ProviderForTheClass();}
 * on a {@code @WithKubernetes} class.
 */
final class ProviderForTheClass implements BeforeAllCallback, AfterAllCallback {

    private final ProviderMetrics metrics;
    private InProcessProvider provider;

    ProviderForTheClass() {
        this(ProviderMetrics.unserved());
    }

    /** A provider that records what it does on {@code metrics}. */
    ProviderForTheClass(ProviderMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        provider = InProcessProvider.start(ControlPlane.of(context), ProviderOptions.defaults(4), metrics,
                Provider.ORPHAN_SWEEP_INTERVAL);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        provider.close();
    }
}

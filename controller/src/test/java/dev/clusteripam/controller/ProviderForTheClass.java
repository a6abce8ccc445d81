package dev.clusteripam.controller;

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

    private InProcessProvider provider;

    @Override
    public void beforeAll(ExtensionContext context) {
        provider = InProcessProvider.start(ControlPlane.of(context));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        provider.close();
    }
}

package dev.clusteripam.webhook.testing;

import dev.clusteripam.testing.kube.ControlPlane;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh test webhook, registered for admission with the real API server, for each test of a
 * class: for tests that stop it or load it on purpose and must not leave that to the next test.
 * {@code @RegisterExtension final AdmissionWebhookPerTest webhook = new AdmissionWebhookPerTest();}
 */
public final class AdmissionWebhookPerTest implements BeforeEachCallback, AfterEachCallback {

    private RunningWebhook webhook;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        webhook = RunningWebhook.start(ControlPlane.of(context));
        webhook.registerAdmission();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        webhook.close();
    }

    /** This test's webhook. */
    public RunningWebhook get() {
        return webhook;
    }
}

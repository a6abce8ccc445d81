package dev.clusteripam.app.dev;

import dev.clusteripam.app.lifecycle.StartupException;
import dev.clusteripam.app.run.KubernetesClients;
import dev.clusteripam.controller.Provider;
import dev.clusteripam.controlplane.ControlPlaneScript;
import dev.clusteripam.controlplane.ControlPlaneScriptException;
import dev.clusteripam.controlplane.ScriptedControlPlane;
import dev.clusteripam.controller.ProviderOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code dev} runs: a local control plane and the provider in this process against it. Closing
 * stops both, whatever part of them started, once; safe from a shutdown hook while starting.
 */
final class DevSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevSession.class);

    /** As {@code run}'s default. */
    private static final int MAX_CONCURRENT_RECONCILES = 10;

    /** The running session: where to point kubectl, and a client for the examples. */
    record Started(Path kubeconfig, Path kubectl, KubernetesClient client) {
    }

    private final ControlPlaneScript script;
    private final ScriptedControlPlane controlPlane;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Optional<KubernetesClient> client = Optional.empty();
    private volatile Optional<Provider> provider = Optional.empty();

    DevSession(Path checkout, Path controlPlaneDirectory) {
        // The script's progress goes to this process's standard error as it comes.
        this.script = ControlPlaneScript.inCheckout(checkout, System.err::println);
        this.controlPlane = new ScriptedControlPlane(script, controlPlaneDirectory);
    }

    /** Starts the control plane (building its servers the first time), then the provider against it. */
    Started start() throws StartupException {
        Path binaries;
        Path kubeconfig;
        try {
            binaries = script.install();
            kubeconfig = controlPlane.start();
        } catch (ControlPlaneScriptException e) {
            throw new StartupException(e.getMessage(), e);
        }
        KubernetesClient started = KubernetesClients.connect(Optional.of(kubeconfig));
        client = Optional.of(started);
        try {
            provider = Optional.of(Provider.start(started, ProviderOptions.defaults(MAX_CONCURRENT_RECONCILES)));
        } catch (RuntimeException e) {
            throw new StartupException("the provider did not start against " + started.getMasterUrl() + ": " + e.getMessage(), e);
        }
        return new Started(kubeconfig, binaries.resolve("kubectl"), started);
    }

    Path controlPlaneDirectory() {
        return controlPlane.directory();
    }

    /** Stops the provider, then the control plane; each even when the other fails to stop. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            provider.ifPresent(Provider::close);
            client.ifPresent(KubernetesClient::close);
        } catch (RuntimeException e) {
            LOG.warn("the provider did not stop cleanly: error=\"{}\"", e.toString(), e);
        }
        try {
            controlPlane.close();
        } catch (IOException e) {
            LOG.error("the control plane did not stop: error=\"{}\"; stop it with: hack/control-plane stop {}",
                    e.getMessage(), controlPlane.directory());
        }
    }
}

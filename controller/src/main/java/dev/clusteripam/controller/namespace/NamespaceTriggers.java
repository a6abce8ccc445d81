package dev.clusteripam.controller.namespace;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns a namespace's label change into reconciles of the objects it concerns (the claims waiting
 * in it, the global pools that judge it). Listens only while the controller runs.
 */
public final class NamespaceTriggers<P extends HasMetadata> extends SimpleInboundEventSource<P> {

    private final NamespaceLabels cache;
    private final Function<String, Set<ResourceID>> concerned;
    private final Consumer<String> listener = this::changed;

    public NamespaceTriggers(String name, NamespaceLabels cache, Function<String, Set<ResourceID>> concerned) {
        super(name);
        this.cache = cache;
        this.concerned = concerned;
    }

    @Override
    public void start() {
        // The controller's reconciles begin once every event source has started: none before the namespaces are known.
        cache.awaitSynced();
        super.start();
        cache.addListener(listener);
    }

    @Override
    public void stop() {
        cache.removeListener(listener);
        super.stop();
    }

    private void changed(String namespace) {
        concerned.apply(namespace).forEach(this::propagateEvent);
    }
}

package dev.clusteripam.controller.namespace;

import dev.clusteripam.controller.informer.InformerStart;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The labels of every namespace, from the provider's one Namespace informer: what a global pool's
 * {@code spec.namespaceSelector} is matched against. Synced before any reconcile, so that a claim
 * is never judged on a namespace the cache has not seen yet; listeners hear of a namespace whose
 * labels changed (or that came or went), which re-judges what waits on it.
 */
public final class NamespaceLabels implements AutoCloseable {

    private final SharedIndexInformer<Namespace> informer;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile InformerStart.Syncing syncing;

    private NamespaceLabels(SharedIndexInformer<Namespace> informer) {
        this.informer = informer;
    }

    /** A cache not yet started; {@link #start} starts it. */
    public static NamespaceLabels create(KubernetesClient client) {
        SharedIndexInformer<Namespace> informer = client.namespaces().runnableInformer(0);
        NamespaceLabels cache = new NamespaceLabels(informer);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace namespace) {
                cache.changed(namespace);
            }

            @Override
            public void onUpdate(Namespace before, Namespace after) {
                if (!Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())) {
                    cache.changed(after);
                }
            }

            @Override
            public void onDelete(Namespace namespace, boolean finalStateUnknown) {
                cache.changed(namespace);
            }
        });
        return cache;
    }

    /** {@code listener} hears the name of every namespace whose labels changed, or that came or went. */
    public void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<String> listener) {
        listeners.remove(listener);
    }

    /** Starts the informer; {@link #awaitSynced} waits until it holds every namespace, for at most {@code timeout} from now. */
    public void start(Duration timeout) {
        syncing = InformerStart.start(List.of(informer), timeout, "the Namespace cache");
    }

    /** Returns once the cache holds every namespace: an unknown namespace is judged only once known. */
    public void awaitSynced() {
        syncing.await();
    }

    /** The labels of the namespace, empty when it has none; no value when the cache does not know it. */
    public Optional<Map<String, String>> of(String namespace) {
        return Optional.ofNullable(informer.getStore().getByKey(namespace))
                .map(found -> found.getMetadata().getLabels() == null ? Map.of() : found.getMetadata().getLabels());
    }

    public boolean isWatching() {
        return informer.isRunning() && informer.hasSynced();
    }

    private void changed(Namespace namespace) {
        listeners.forEach(listener -> listener.accept(namespace.getMetadata().getName()));
    }

    @Override
    public void close() {
        informer.close();
    }
}

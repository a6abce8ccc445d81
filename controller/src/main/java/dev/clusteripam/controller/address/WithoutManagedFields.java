package dev.clusteripam.controller.address;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer's store that drops each object's {@code metadata.managedFields} as it comes in, as
 * controller-runtime's managers commonly do: nothing in the provider reads them, and parsed into
 * nested maps they took about three quarters of the heap with 50,000 claims and IPAddresses cached
 * (docs/benchmarks.md). Objects written back (status, finalizers) are patches, which never carry them.
 */
public final class WithoutManagedFields<T extends HasMetadata> extends BasicItemStore<T> {

    public WithoutManagedFields() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public T put(String key, T object) {
        if (object.getMetadata() != null) {
            object.getMetadata().setManagedFields(null);
        }
        return super.put(key, object);
    }
}

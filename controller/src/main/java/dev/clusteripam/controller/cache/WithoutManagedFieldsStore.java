package dev.clusteripam.controller.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer's store that keeps objects without {@code metadata.managedFields}.
 *
 * <p>The provider caches every claim and every IPAddress. Server-side apply's field ownership is
 * the largest part of each object once parsed (a tree of maps per field manager), more than half of
 * the heap at 5,000 claims, and the provider never reads it: status patches are applied as a field
 * manager of our own, which needs no copy of the ownership to send.
 */
public final class WithoutManagedFieldsStore<T extends HasMetadata> extends BasicItemStore<T> {

    public WithoutManagedFieldsStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public T put(String key, T object) {
        object.getMetadata().setManagedFields(null);
        return super.put(key, object);
    }
}

package dev.clusteripam.controller.pool;

import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.capi.IPPoolReference;
import java.util.Objects;
import java.util.Optional;

/**
 * Which pool: its kind, namespace (empty for global pools) and name. A claim's or an IPAddress's
 * {@code poolRef} carries no namespace: a namespaced pool is looked up in the referrer's namespace.
 */
public record PoolKey(PoolKind kind, String namespace, String name) {

    public PoolKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (kind.isNamespaced() == namespace.isEmpty()) {
            throw new IllegalArgumentException(kind.kind() + " " + name + (kind.isNamespaced() ? " needs" : " has no") + " a namespace");
        }
    }

    /** The pool that {@code reference}, written by an object in {@code referrerNamespace}, names; empty when not ours. */
    public static Optional<PoolKey> referencedFrom(String referrerNamespace, IPPoolReference reference) {
        return PoolKind.of(reference)
                .filter(kind -> reference.getName() != null && !reference.getName().isEmpty())
                .map(kind -> new PoolKey(kind, kind.isNamespaced() ? referrerNamespace : "", reference.getName()));
    }

    /** A stable text form, for indexes: {@code InClusterIPPool/ns/name}, {@code GlobalInClusterIPPool//name}. */
    public String indexKey() {
        return kind.kind() + "/" + namespace + "/" + name;
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? kind.kind() + "/" + name : kind.kind() + "/" + namespace + "/" + name;
    }
}

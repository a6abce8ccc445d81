package dev.clusteripam.webhook.allocations;

import dev.clusteripam.api.ipam.PoolKind;
import java.util.Objects;
import java.util.Optional;

/** One pool: its kind, its namespace (namespaced kinds only) and its name. */
public record PoolRef(PoolKind kind, Optional<String> namespace, String name) {

    public PoolRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (kind.isNamespaced() != namespace.isPresent()) {
            throw new IllegalArgumentException(kind + (kind.isNamespaced() ? " needs a namespace" : " has no namespace"));
        }
    }

    /**
     * The pool of {@code kind} named {@code name}; {@code namespace} is the pool's own for a namespaced
     * kind and ignored for a global one.
     */
    public static PoolRef of(PoolKind kind, String namespace, String name) {
        return new PoolRef(kind, kind.isNamespaced() ? Optional.of(namespace) : Optional.empty(), name);
    }

    /** {@code InClusterIPPool "ns/name"} or {@code GlobalInClusterIPPool "name"}, for messages. */
    @Override
    public String toString() {
        return kind + " \"" + namespace.map(ns -> ns + "/").orElse("") + name + "\"";
    }
}

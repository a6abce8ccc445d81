package dev.clusteripam.api.ipam;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPPoolReference;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;
import java.util.Optional;

/**
 * Which pool: its kind, namespace (empty for global pools) and name. The one pool vocabulary of the
 * controller and the webhook. A claim's or an IPAddress's {@code poolRef} carries no namespace: a
 * namespaced pool is looked up in the referrer's namespace.
 */
public record PoolIdentity(PoolKind kind, String namespace, String name) implements Comparable<PoolIdentity> {

    public PoolIdentity {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (kind.isNamespaced() == namespace.isEmpty()) {
            throw new IllegalArgumentException(kind.kind() + " " + name + (kind.isNamespaced() ? " needs" : " has no") + " a namespace");
        }
    }

    /** The pool of {@code kind} named {@code name}; {@code namespace} is the pool's own for a namespaced kind, ignored for a global one. */
    public static PoolIdentity of(PoolKind kind, String namespace, String name) {
        return new PoolIdentity(kind, kind.isNamespaced() ? Objects.requireNonNull(namespace, "namespace") : "", name);
    }

    /** The identity of a pool object of {@code kind}. */
    public static PoolIdentity of(PoolKind kind, HasMetadata pool) {
        return of(kind, pool.getMetadata().getNamespace(), pool.getMetadata().getName());
    }

    /** The pool that {@code reference}, written by an object in {@code referrerNamespace}, names; empty when not ours. */
    public static Optional<PoolIdentity> referencedFrom(String referrerNamespace, IPPoolReference reference) {
        return PoolKind.of(reference)
                .filter(kind -> reference.getName() != null && !reference.getName().isEmpty())
                .map(kind -> of(kind, referrerNamespace, reference.getName()));
    }

    /** The pool an IPAddress names, when it is one of ours. */
    public static Optional<PoolIdentity> namedBy(IPAddress address) {
        return address.getSpec() == null
                ? Optional.empty()
                : referencedFrom(address.getMetadata().getNamespace(), address.getSpec().getPoolRef());
    }

    /** A stable text form, for informer indexes: {@code InClusterIPPool/ns/name}, {@code GlobalInClusterIPPool//name}. */
    public String indexKey() {
        return kind.kind() + "/" + namespace + "/" + name;
    }

    /** {@code InClusterIPPool "ns/name"} or {@code GlobalInClusterIPPool "name"}: how refusals quote a pool. */
    public String quoted() {
        return kind + " \"" + (namespace.isEmpty() ? "" : namespace + "/") + name + "\"";
    }

    /** {@code InClusterIPPool/ns/name} or {@code GlobalInClusterIPPool/name}: how conditions, events and logs name a pool. */
    @Override
    public String toString() {
        return namespace.isEmpty() ? kind.kind() + "/" + name : kind.kind() + "/" + namespace + "/" + name;
    }

    /** By kind, namespace and name: a stable order for lists of pools. */
    @Override
    public int compareTo(PoolIdentity other) {
        int byKind = kind.compareTo(other.kind);
        if (byKind != 0) {
            return byKind;
        }
        int byNamespace = namespace.compareTo(other.namespace);
        return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
    }
}

package dev.clusteripam.webhook.allocations;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Our four pool kinds, as an IPAddress's {@code spec.poolRef.kind} names them. */
public enum PoolKind {
    IN_CLUSTER_IP_POOL("InClusterIPPool", true, false),
    GLOBAL_IN_CLUSTER_IP_POOL("GlobalInClusterIPPool", false, false),
    IN_CLUSTER_PREFIX_POOL("InClusterPrefixPool", true, true),
    GLOBAL_IN_CLUSTER_PREFIX_POOL("GlobalInClusterPrefixPool", false, true);

    private final String kind;
    private final boolean namespaced;
    private final boolean prefixPool;

    PoolKind(String kind, boolean namespaced, boolean prefixPool) {
        this.kind = kind;
        this.namespaced = namespaced;
        this.prefixPool = prefixPool;
    }

    /** The kind as Kubernetes writes it: {@code InClusterIPPool}. */
    public String kind() {
        return kind;
    }

    /** A namespaced pool serves its own namespace; a global one is cluster-scoped and serves all. */
    public boolean namespaced() {
        return namespaced;
    }

    /** A prefix pool hands out IPv6 sub-prefixes; the others hand out addresses. */
    public boolean prefixPool() {
        return prefixPool;
    }

    /** The kind in lower case, as webhook paths and resource names use it: {@code inclusterippool}. */
    public String lowerCase() {
        return kind.toLowerCase(Locale.ROOT);
    }

    public static Optional<PoolKind> of(String kind) {
        return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
    }

    @Override
    public String toString() {
        return kind;
    }
}

package dev.clusteripam.api.ipam;

import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterPrefixPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Our four pool kinds: what a claim's or an IPAddress's {@code poolRef.kind} may name. */
public enum PoolKind {
    IN_CLUSTER_IP_POOL("InClusterIPPool", InClusterIPPool.class, InClusterIPPoolSpec.class, true, false),
    GLOBAL_IN_CLUSTER_IP_POOL("GlobalInClusterIPPool", GlobalInClusterIPPool.class, GlobalInClusterIPPoolSpec.class,
            false, false),
    IN_CLUSTER_PREFIX_POOL("InClusterPrefixPool", InClusterPrefixPool.class, InClusterPrefixPoolSpec.class, true, true),
    GLOBAL_IN_CLUSTER_PREFIX_POOL("GlobalInClusterPrefixPool", GlobalInClusterPrefixPool.class,
            GlobalInClusterPrefixPoolSpec.class, false, true);

    /** The API group of our pools, and of Cluster API's IPAM kinds. */
    public static final String GROUP = IpamGroup.NAME;

    private final String kind;
    private final Class<? extends HasMetadata> modelClass;
    private final Class<?> specClass;
    private final boolean namespaced;
    private final boolean handsOutPrefixes;

    PoolKind(String kind, Class<? extends HasMetadata> modelClass, Class<?> specClass, boolean namespaced,
            boolean handsOutPrefixes) {
        this.kind = kind;
        this.modelClass = modelClass;
        this.specClass = specClass;
        this.namespaced = namespaced;
        this.handsOutPrefixes = handsOutPrefixes;
    }

    /** The kind a pool reference names, when it names one of ours; empty for other providers' pools. */
    public static Optional<PoolKind> of(IPPoolReference reference) {
        if (reference == null || !GROUP.equals(reference.getApiGroup())) {
            return Optional.empty();
        }
        return of(reference.getKind());
    }

    /** The kind with this name ({@code InClusterIPPool}), when it is one of ours. */
    public static Optional<PoolKind> of(String kind) {
        return Arrays.stream(values()).filter(k -> k.kind.equals(kind)).findFirst();
    }

    /** The kind as Kubernetes writes it: {@code InClusterIPPool}. */
    public String kind() {
        return kind;
    }

    /** The kind in lower case, as webhook paths and resource names use it: {@code inclusterippool}. */
    public String lowerCase() {
        return kind.toLowerCase(Locale.ROOT);
    }

    public Class<? extends HasMetadata> modelClass() {
        return modelClass;
    }

    /** The class of the stored version's spec; a global pool's also holds its namespace selector. */
    public Class<?> specClass() {
        return specClass;
    }

    /** Namespaced pools serve claims of their own namespace; global ones are cluster-scoped and serve every namespace. */
    public boolean isNamespaced() {
        return namespaced;
    }

    /** Prefix pools hand out IPv6 sub-prefixes; the others single addresses. */
    public boolean handsOutPrefixes() {
        return handsOutPrefixes;
    }

    @Override
    public String toString() {
        return kind;
    }
}

package dev.clusteripam.api.crd;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;

/**
 * The model classes our CRDs are generated from, one per kind and version. Cluster API's kinds in
 * {@code dev.clusteripam.api.capi} are not among them: their CRDs are Cluster API's own.
 */
final class ModelClasses {

    static final List<Class<? extends CustomResource<?, ?>>> ALL = List.of(
            dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool.class,
            dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool.class,
            dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool.class,
            dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterPrefixPool.class,
            dev.clusteripam.api.ipam.v1alpha1.InClusterIPPool.class,
            dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPool.class,
            dev.clusteripam.api.ledger.IPAllocationBlock.class);

    private ModelClasses() {
    }

    /** The model class of one version of a CRD. */
    static Class<? extends CustomResource<?, ?>> of(CustomResourceDefinition crd, String version) {
        return ALL.stream()
                .filter(c -> HasMetadata.getGroup(c).equals(crd.getSpec().getGroup())
                        && HasMetadata.getKind(c).equals(crd.getSpec().getNames().getKind())
                        && HasMetadata.getVersion(c).equals(version))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no model class for " + crd.getMetadata().getName() + " " + version));
    }
}

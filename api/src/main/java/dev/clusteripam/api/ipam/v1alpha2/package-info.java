/**
 * Version {@code v1alpha2} of our pool kinds, the version the API server stores: IP pools
 * ({@link dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool}, {@link
 * dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool}) and IPv6 prefix pools ({@link
 * dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool}, {@link
 * dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterPrefixPool}), with upstream's field names and
 * JSON shapes.
 *
 * <p>Reading ignores fields this model does not know, so that a provider still reads pools after
 * a newer CRD added fields; the API server prunes whatever no CRD declares.
 */
package dev.clusteripam.api.ipam.v1alpha2;

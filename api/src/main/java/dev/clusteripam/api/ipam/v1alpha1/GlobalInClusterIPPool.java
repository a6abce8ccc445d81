package dev.clusteripam.api.ipam.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import dev.clusteripam.api.ipam.IpamGroup;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** The deprecated {@code v1alpha1} form of {@link dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool}. */
@Group(IpamGroup.NAME)
@Version(value = "v1alpha1", storage = false, deprecated = true)
@Kind("GlobalInClusterIPPool")
@Plural("globalinclusterippools")
@Categories(IpamGroup.CATEGORY)
@JsonClassDescription("GlobalInClusterIPPool is a cluster-scoped pool of IP addresses from which IPAddressClaims"
        + " of every namespace, or of those its namespaceSelector selects, get an address. Version v1alpha1 is"
        + " deprecated: use v1alpha2.")
public class GlobalInClusterIPPool extends IPPool<GlobalInClusterIPPoolSpec> {
}

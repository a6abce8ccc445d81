package dev.clusteripam.api.ipam.v1alpha2;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import dev.clusteripam.api.ipam.IpamGroup;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A cluster-scoped pool of IPv6 sub-prefixes for the IPAddressClaims of every namespace or of selected ones. */
@Group(IpamGroup.NAME)
@Version(value = "v1alpha2", storage = true)
@Kind("GlobalInClusterPrefixPool")
@Plural("globalinclusterprefixpools")
@Categories(IpamGroup.CATEGORY)
@JsonClassDescription("GlobalInClusterPrefixPool is a cluster-scoped pool of IPv6 sub-prefixes (one /64 per claim,"
        + " for example) from which IPAddressClaims of every namespace, or of those its namespaceSelector"
        + " selects, get one.")
public class GlobalInClusterPrefixPool extends PrefixPool<GlobalInClusterPrefixPoolSpec> {
}

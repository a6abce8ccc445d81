package dev.clusteripam.api.ipam.v1alpha2;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import dev.clusteripam.api.ipam.IpamGroup;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A pool of IPv6 sub-prefixes for the IPAddressClaims of its own namespace. */
@Group(IpamGroup.NAME)
@Version(value = "v1alpha2", storage = true)
@Kind("InClusterPrefixPool")
@Plural("inclusterprefixpools")
@Categories(IpamGroup.CATEGORY)
@JsonClassDescription("InClusterPrefixPool is a pool of IPv6 sub-prefixes (one /64 per claim, for example) from"
        + " which IPAddressClaims of its namespace get one.")
public class InClusterPrefixPool extends PrefixPool<InClusterPrefixPoolSpec> implements Namespaced {
}

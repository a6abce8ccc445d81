package dev.clusteripam.api.ipam.v1alpha2;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import dev.clusteripam.api.ipam.IpamGroup;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** A pool of IP addresses for the IPAddressClaims of its own namespace. */
@Group(IpamGroup.NAME)
@Version(value = "v1alpha2", storage = true)
@Kind("InClusterIPPool")
@Plural("inclusterippools")
@Categories(IpamGroup.CATEGORY)
@JsonClassDescription("InClusterIPPool is a pool of IP addresses from which IPAddressClaims of its namespace get"
        + " an address.")
public class InClusterIPPool extends IPPool<InClusterIPPoolSpec> implements Namespaced {
}

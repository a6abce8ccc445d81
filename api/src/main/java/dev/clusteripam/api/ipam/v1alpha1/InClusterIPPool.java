package dev.clusteripam.api.ipam.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import dev.clusteripam.api.ipam.IpamGroup;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** The deprecated {@code v1alpha1} form of {@link dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool}. */
@Group(IpamGroup.NAME)
@Version(value = "v1alpha1", storage = false, deprecated = true)
@Kind("InClusterIPPool")
@Plural("inclusterippools")
@Categories(IpamGroup.CATEGORY)
@JsonClassDescription("InClusterIPPool is a pool of IP addresses from which IPAddressClaims of its namespace get"
        + " an address. Version v1alpha1 is deprecated: use v1alpha2.")
public class InClusterIPPool extends IPPool<InClusterIPPoolSpec> implements Namespaced {
}

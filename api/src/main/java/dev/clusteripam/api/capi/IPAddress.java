package dev.clusteripam.api.capi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.clusteripam.api.ipam.IpamGroup;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Cluster API's record of an address handed out from a pool ({@code ipam.cluster.x-k8s.io/v1beta2}),
 * named and namespaced as the claim it answers. It has no status.
 */
@Group(IpamGroup.NAME)
@Version("v1beta2")
@Kind("IPAddress")
@Plural("ipaddresses")
@JsonIgnoreProperties(ignoreUnknown = true)
public class IPAddress extends CustomResource<IPAddressSpec, Void> implements Namespaced {
}

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
 * Cluster API's request for an address from a pool ({@code ipam.cluster.x-k8s.io/v1beta2}); the
 * provider answers it with an {@link IPAddress} of the same name and sets {@code status.addressRef}.
 */
@Group(IpamGroup.NAME)
@Version("v1beta2")
@Kind("IPAddressClaim")
@Plural("ipaddressclaims")
@JsonIgnoreProperties(ignoreUnknown = true)
public class IPAddressClaim extends CustomResource<IPAddressClaimSpec, IPAddressClaimStatus> implements Namespaced {
}

package dev.clusteripam.api.ledger;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One block of a pool's allocation ledger: which holder holds which of up to 64 consecutive
 * items (addresses or sub-prefixes). Cluster-scoped and internal to the provider; not moved by
 * {@code clusterctl move}, since a provider rebuilds it from the IPAddresses it finds.
 */
@Group(LedgerGroup.NAME)
@Version(value = "v1alpha1", storage = true)
@Kind("IPAllocationBlock")
@Plural("ipallocationblocks")
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonClassDescription("IPAllocationBlock is cluster-ipam's internal record of which claims hold which items of one"
        + " block of a pool. Every allocation is committed here, with the object's resourceVersion, before its"
        + " IPAddress is created, so the API server refuses a second writer. Managed by the provider; do not edit.")
public class IPAllocationBlock extends CustomResource<IPAllocationBlockSpec, Void> {

    @Override
    @JsonPropertyDescription("The pool and block this object records, and who holds what in it.")
    public IPAllocationBlockSpec getSpec() {
        return super.getSpec();
    }
}

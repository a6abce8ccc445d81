package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimReference;
import dev.clusteripam.api.capi.IPAddressSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.controller.allocation.Assignment;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The IPAddress that answers a claim, shaped exactly as the Cluster API IPAM contract and upstream make it. */
final class IPAddresses {

    static final String PROTECT_ADDRESS_FINALIZER = "ipam.cluster.x-k8s.io/ProtectAddress";
    static final String CLUSTER_NAME_LABEL = "cluster.x-k8s.io/cluster-name";
    private static final String CLAIM_API_VERSION = PoolKind.GROUP + "/v1beta2";

    private IPAddresses() {
    }

    /**
     * Named and namespaced as the claim; owned by the claim (controller) and the pool; protected by
     * our finalizer; labelled with the claim's cluster-name label, if it has one.
     */
    static IPAddress forClaim(IPAddressClaim claim, PoolIdentity poolIdentity, HasMetadata pool, Assignment assignment) {
        IPAddress address = new IPAddress();
        ObjectMetaBuilder metadata = new ObjectMetaBuilder()
                .withName(claim.getMetadata().getName())
                .withNamespace(claim.getMetadata().getNamespace())
                .withFinalizers(PROTECT_ADDRESS_FINALIZER)
                .withOwnerReferences(owner(CLAIM_API_VERSION, "IPAddressClaim", claim, true), owner(pool.getApiVersion(), poolIdentity.kind().kind(), pool, false));
        clusterName(claim).ifPresent(name -> metadata.withLabels(Map.of(CLUSTER_NAME_LABEL, name)));
        address.setMetadata(metadata.build());

        IPAddressSpec spec = new IPAddressSpec();
        spec.setAddress(assignment.address());
        spec.setPrefix(assignment.prefix());
        assignment.gateway().ifPresent(spec::setGateway);
        IPAddressClaimReference claimRef = new IPAddressClaimReference();
        claimRef.setName(claim.getMetadata().getName());
        spec.setClaimRef(claimRef);
        spec.setPoolRef(new IPPoolReference(PoolKind.GROUP, poolIdentity.kind().kind(), poolIdentity.name()));
        address.setSpec(spec);
        return address;
    }

    /** Whether {@code address} names the pool {@code pool}: an existing IPAddress of the claim's own pool is adopted as it is. */
    static boolean namesPool(IPAddress address, PoolIdentity pool) {
        return PoolIdentity.namedBy(address).map(pool::equals).orElse(false);
    }

    private static Optional<String> clusterName(IPAddressClaim claim) {
        Map<String, String> labels = claim.getMetadata().getLabels();
        return Optional.ofNullable(labels == null ? null : labels.get(CLUSTER_NAME_LABEL));
    }

    private static OwnerReference owner(String apiVersion, String kind, HasMetadata owner, boolean controller) {
        return new OwnerReferenceBuilder()
                .withApiVersion(apiVersion).withKind(kind)
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(controller).withBlockOwnerDeletion(true)
                .build();
    }

    static List<String> finalizersWithoutProtection(IPAddress address) {
        return address.getMetadata().getFinalizers().stream().filter(f -> !PROTECT_ADDRESS_FINALIZER.equals(f)).toList();
    }
}

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
                .withOwnerReferences(ownersFor(claim, poolIdentity, pool, List.of()));
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

    /**
     * Whether an IPAddress of the claim already carries our finalizer and owner references, as we
     * make them. One made before we saw its claim ({@code clusterctl move}, a restore, a hand-made
     * answer) may not, and could then be deleted without its address being released through us.
     */
    static boolean isOwnedAsMade(IPAddress address, IPAddressClaim claim, PoolIdentity poolIdentity, HasMetadata pool) {
        return finalizersWithProtection(address).equals(listOrEmpty(address.getMetadata().getFinalizers()))
                && ownersFor(claim, poolIdentity, pool, ownersOf(address)).equals(ownersOf(address));
    }

    /** Adds to {@code current} what {@link #isOwnedAsMade} finds missing, keeping its other finalizers and owners (as upstream does). */
    static IPAddress takeOwnership(IPAddress current, IPAddressClaim claim, PoolIdentity poolIdentity, HasMetadata pool) {
        current.getMetadata().setFinalizers(finalizersWithProtection(current));
        current.getMetadata().setOwnerReferences(ownersFor(claim, poolIdentity, pool, ownersOf(current)));
        return current;
    }

    /**
     * {@code current} with the claim as controller (unless another object controls the IPAddress
     * already, which upstream leaves as it is) and the pool as plain owner, both blocking their
     * owner's deletion; each replaces a reference to the same object, other references stay.
     */
    private static List<OwnerReference> ownersFor(IPAddressClaim claim, PoolIdentity poolIdentity, HasMetadata pool,
            List<OwnerReference> current) {
        List<OwnerReference> owners = new ArrayList<>(current);
        OwnerReference byClaim = owner(CLAIM_API_VERSION, "IPAddressClaim", claim, true);
        if (owners.stream().noneMatch(o -> Boolean.TRUE.equals(o.getController()) && !sameObject(o, byClaim))) {
            put(owners, byClaim);
        }
        put(owners, owner(pool.getApiVersion(), poolIdentity.kind().kind(), pool, false));
        return owners;
    }

    private static void put(List<OwnerReference> owners, OwnerReference owner) {
        for (int i = 0; i < owners.size(); i++) {
            if (sameObject(owners.get(i), owner)) {
                owners.set(i, owner);
                return;
            }
        }
        owners.add(owner);
    }

    /** The same object: group, kind and name (the version and the uid may differ, as after a move). */
    private static boolean sameObject(OwnerReference a, OwnerReference b) {
        return groupOf(a.getApiVersion()).equals(groupOf(b.getApiVersion())) && Objects.equals(a.getKind(), b.getKind())
                && Objects.equals(a.getName(), b.getName());
    }

    private static String groupOf(String apiVersion) {
        return apiVersion == null || apiVersion.indexOf('/') < 0 ? "" : apiVersion.substring(0, apiVersion.indexOf('/'));
    }

    private static List<OwnerReference> ownersOf(IPAddress address) {
        return listOrEmpty(address.getMetadata().getOwnerReferences());
    }

    private static List<String> finalizersWithProtection(IPAddress address) {
        List<String> finalizers = new ArrayList<>(listOrEmpty(address.getMetadata().getFinalizers()));
        if (!finalizers.contains(PROTECT_ADDRESS_FINALIZER)) {
            finalizers.add(PROTECT_ADDRESS_FINALIZER);
        }
        return finalizers;
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
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

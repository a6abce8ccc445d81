package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.Cluster;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.RequestedItemAnnotations;
import dev.clusteripam.controller.ledger.Holder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a decision about a claim rests on, read once: the claim, the pool it names (and the
 * pool object, when it exists), its Cluster (when it names one) and the IPAddress of its name.
 *
 * @param clusterName the Cluster the claim belongs to, when it names one
 * @param cluster that Cluster, when it exists
 * @param namespaceLabels the labels of the claim's namespace, when the namespace cache knows it
 */
record ClaimObservation(IPAddressClaim claim, PoolIdentity pool, Optional<HasMetadata> poolObject, Optional<String> clusterName,
        Optional<Cluster> cluster, Optional<IPAddress> address, Optional<Map<String, String>> namespaceLabels) {

    Holder holder() {
        return Holder.of(claim);
    }

    /** What the claim's requested-address (or requested-prefix) annotation asks its pool for. */
    Optional<String> requested() {
        return RequestedItemAnnotations.requested(claim, pool.kind());
    }

    /** SPEC 2.7, the one pause gate: nothing is done for a claim while it, its pool or its Cluster is paused. */
    boolean paused() {
        return PauseCheck.isPaused(claim) || poolObject.map(PauseCheck::isPaused).orElse(false)
                || cluster.map(PauseCheck::isPaused).orElse(false);
    }

    /** The claim names a Cluster that does not exist (yet). */
    boolean clusterMissing() {
        return clusterName.isPresent() && cluster.isEmpty();
    }

    /** The pool object, unless it is being deleted. */
    Optional<HasMetadata> livePool() {
        return poolObject.filter(pool -> pool.getMetadata().getDeletionTimestamp() == null);
    }

    /** The IPAddress of the claim's name, when it names the claim's pool. */
    Optional<IPAddress> addressOfPool() {
        return address.filter(existing -> IPAddresses.namesPool(existing, pool));
    }
}

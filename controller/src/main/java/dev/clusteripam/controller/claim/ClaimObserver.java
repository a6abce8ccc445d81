package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.controller.address.IPAddressCache;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.namespace.NamespaceLabels;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** Reads what a claim's reconcile or cleanup decides on (see {@link ClaimObservation}): from the caches, but for one exception. */
final class ClaimObserver {

    private final KubernetesClient client;
    private final IPAddressCache addresses;
    private final ClaimEventSources sources;
    private final NamespaceLabels namespaces;

    ClaimObserver(KubernetesClient client, IPAddressCache addresses, ClaimEventSources sources, NamespaceLabels namespaces) {
        this.client = client;
        this.addresses = addresses;
        this.sources = sources;
        this.namespaces = namespaces;
    }

    /** For a reconcile: everything from the informer caches. */
    ClaimObservation fromCaches(IPAddressClaim claim) {
        Holder holder = Holder.of(claim);
        return observe(claim, addresses.get(holder.namespace(), holder.name()));
    }

    /**
     * For a release: the IPAddress is read from the server, not the cache. One made a moment ago may
     * not be cached yet, and releasing the ledger entry of a live IPAddress would let its address be
     * handed out again.
     */
    ClaimObservation forRelease(IPAddressClaim claim) {
        Holder holder = Holder.of(claim);
        return observe(claim, Optional.ofNullable(client.resources(IPAddress.class).inNamespace(holder.namespace())
                .withName(holder.name()).get()));
    }

    private ClaimObservation observe(IPAddressClaim claim, Optional<IPAddress> address) {
        var pool = ClaimEventSources.poolOf(claim).orElseThrow();
        Optional<String> clusterName = PauseCheck.clusterNameOf(claim);
        return new ClaimObservation(claim, pool, sources.pool(pool), clusterName,
                clusterName.flatMap(name -> sources.cluster(claim.getMetadata().getNamespace(), name)), address,
                namespaces.of(claim.getMetadata().getNamespace()));
    }
}

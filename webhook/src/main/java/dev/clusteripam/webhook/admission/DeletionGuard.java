package dev.clusteripam.webhook.admission;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.webhook.allocations.AllocationsUnavailableException;
import dev.clusteripam.webhook.allocations.PoolAddresses;
import dev.clusteripam.api.ipam.PoolIdentity;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Refuses to delete a pool that IPAddresses still name (SPEC 2.9), unless the pool carries the
 * annotation {@value #SKIP_ANNOTATION}, which {@code clusterctl move} sets to delete pools whose
 * IPAddresses it has already recreated elsewhere.
 */
final class DeletionGuard {

    /** Upstream's annotation; any value counts. */
    static final String SKIP_ANNOTATION = "ipam.cluster.x-k8s.io/skip-validate-delete-webhook";

    /** Upstream's words, which scripts and runbooks may look for; the count and an example follow. */
    private static final String UPSTREAM_MESSAGE =
            "Pool has IPAddresses allocated. Cannot delete Pool until all IPAddresses have been removed.";

    private static final Comparator<IPAddress> BY_NAMESPACE_AND_NAME = Comparator
            .comparing((IPAddress a) -> a.getMetadata().getNamespace())
            .thenComparing(a -> a.getMetadata().getName());

    private final PoolAddresses addresses;

    DeletionGuard(PoolAddresses addresses) {
        this.addresses = addresses;
    }

    AdmissionVerdict check(PoolIdentity pool, Map<String, String> annotations) throws AllocationsUnavailableException {
        if (annotations != null && annotations.containsKey(SKIP_ANNOTATION)) {
            return AdmissionVerdict.allow(List.of());
        }
        List<IPAddress> named = addresses.addressesOf(pool);
        if (named.isEmpty()) {
            return AdmissionVerdict.allow(List.of());
        }
        IPAddress example = named.stream().min(BY_NAMESPACE_AND_NAME).orElseThrow();
        String count = named.size() == 1 ? "1 IPAddress names " : named.size() + " IPAddresses name ";
        return AdmissionVerdict.refuse(Refusals.badRequest(UPSTREAM_MESSAGE + " " + count + pool.quoted() + ", for example "
                + example.getMetadata().getNamespace() + "/" + example.getMetadata().getName() + " (" + held(example)
                + "). Delete their IPAddressClaims first."), List.of());
    }

    /** What an IPAddress holds, {@code 10.0.0.2/24}, as written in its spec. */
    private static String held(IPAddress address) {
        if (address.getSpec() == null) {
            return "no spec";
        }
        Integer prefix = address.getSpec().getPrefix();
        return address.getSpec().getAddress() + (prefix == null ? "" : "/" + prefix);
    }
}

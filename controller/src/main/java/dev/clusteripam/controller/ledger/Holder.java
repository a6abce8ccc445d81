package dev.clusteripam.controller.ledger;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;

/**
 * Who holds an item of a pool: an IPAddress, or the claim it is being made for. Both share a
 * namespace and name, as the Cluster API contract names the IPAddress after its claim.
 */
public record Holder(String namespace, String name) {

    public static Holder of(IPAddressClaim claim) {
        return new Holder(claim.getMetadata().getNamespace(), claim.getMetadata().getName());
    }

    public static Holder of(IPAddress address) {
        return new Holder(address.getMetadata().getNamespace(), address.getMetadata().getName());
    }

    /** The inverse of {@link #toString()}: {@code namespace/name}. */
    public static Holder parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("a holder is namespace/name, not " + text);
        }
        return new Holder(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}

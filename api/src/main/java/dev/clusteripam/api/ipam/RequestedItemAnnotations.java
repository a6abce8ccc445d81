package dev.clusteripam.api.ipam;

import dev.clusteripam.api.capi.IPAddressClaim;
import java.util.Optional;

/**
 * The annotations by which an {@code IPAddressClaim} asks one of our pools for a given item: an
 * address of an IP pool, a sub-prefix of a prefix pool. Read when the claim is first served; a claim
 * that holds an address keeps it whatever the annotation says later.
 */
public final class RequestedItemAnnotations {

    /** On a claim of an IP pool: the address it asks for, {@code 10.0.0.50}. */
    public static final String REQUESTED_ADDRESS = "ipam.cluster-ipam.dev/requested-address";

    /** On a claim of a prefix pool: the sub-prefix it asks for, {@code fd00:1:2::/64}. */
    public static final String REQUESTED_PREFIX = "ipam.cluster-ipam.dev/requested-prefix";

    private RequestedItemAnnotations() {
    }

    /** The annotation a claim of a pool of {@code kind} asks with. */
    public static String of(PoolKind kind) {
        return kind.handsOutPrefixes() ? REQUESTED_PREFIX : REQUESTED_ADDRESS;
    }

    /** What the claim asks a pool of {@code kind} for, as written; empty when it asks for nothing in particular. */
    public static Optional<String> requested(IPAddressClaim claim, PoolKind kind) {
        return Optional.ofNullable(claim.getMetadata().getAnnotations()).map(annotations -> annotations.get(of(kind)));
    }
}

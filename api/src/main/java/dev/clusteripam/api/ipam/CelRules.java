package dev.clusteripam.api.ipam;

import dev.clusteripam.core.pool.PoolLimits;
import dev.clusteripam.core.pool.PreAllocations;

/**
 * The CEL rules ({@code x-kubernetes-validations}) of our CRDs. They refuse only what the upstream
 * provider's admission webhook refuses too, so that every manifest upstream accepts is accepted
 * here; the admission webhook checks everything else.
 *
 * <p>Kubernetes' CEL IP library parses text with Go's {@code net/netip}, as upstream does, but
 * refuses two forms {@code netip} accepts: IPv4-mapped IPv6 addresses, whose text always holds the
 * group {@code ffff}, and IPv6 zones, written after a {@code %}. Text with either passes these rules
 * and is judged by the webhook.
 *
 * <p>List entries ({@code addresses}, {@code prefixes} and the exclusions) are checked for their
 * form only (an address, a range of two addresses, or a CIDR); families, order and membership are
 * the webhook's. The API server estimates a rule's cost from the longest entry and the most entries,
 * so these lists carry a {@code maxLength} and a {@code maxItems} (config/crd/README.md gives the
 * bounds and why no real pool reaches them).
 */
public final class CelRules {

    /** Text CEL cannot judge: an IPv6 zone or an IPv4-mapped IPv6 address. */
    private static final String LEFT_TO_WEBHOOK = "self.contains('%') || self.lowerAscii().contains('ffff')";

    /** {@code spec.gateway} of an IP pool: empty (upstream reads that as no gateway) or an IP address. */
    public static final String GATEWAY_IS_IP = "self == '' || isIP(self) || " + LEFT_TO_WEBHOOK;

    public static final String GATEWAY_IS_IP_MESSAGE = "spec.gateway must be an IP address";

    public static final String GATEWAY_IS_IP_MESSAGE_EXPRESSION =
            "'spec.gateway \"' + self + '\" is not an IP address'";

    /** The gateway of an item of {@code spec.subnets}; the API server's error names the item. */
    public static final String SUBNET_GATEWAY_IS_IP_MESSAGE = "gateway must be an IP address";

    public static final String SUBNET_GATEWAY_IS_IP_MESSAGE_EXPRESSION = "'gateway \"' + self + '\" is not an IP address'";

    /** {@code spec.gateway} of a prefix pool: empty or an IPv6 address. */
    public static final String GATEWAY_IS_IPV6 =
            "self == '' || (isIP(self) ? ip(self).family() == 6 : " + LEFT_TO_WEBHOOK + ")";

    public static final String GATEWAY_IS_IPV6_MESSAGE = "spec.gateway must be an IPv6 address";

    public static final String GATEWAY_IS_IPV6_MESSAGE_EXPRESSION =
            "'spec.gateway \"' + self + '\" is not an IPv6 address'";

    /** Refuses a megabyte of text before any rule runs; core's validator applies the same bound. */
    public static final int ENTRY_MAX_LENGTH = PoolLimits.MAX_ENTRY_LENGTH;

    /** The most entries in one list (config/crd/README.md); core's validator applies the same bound. */
    public static final int ENTRIES_MAX_ITEMS = PoolLimits.MAX_ENTRIES;

    /** The most subnets in {@code spec.subnets} (config/crd/README.md); core's validator applies the same bound. */
    public static final int SUBNETS_MAX_ITEMS = PoolLimits.MAX_SUBNETS;

    /**
     * The most entries in one list of an item of {@code spec.subnets}: the API server estimates a
     * rule's cost over every item's entries together (config/crd/README.md).
     */
    public static final int SUBNET_ENTRIES_MAX_ITEMS = PoolLimits.MAX_SUBNET_ENTRIES;

    /**
     * One entry of {@code addresses}, {@code excludedAddresses} or {@code excludedPrefixes}, told
     * apart as upstream tells them: a '-' makes a range of two addresses, else a '/' a CIDR (which
     * need not be network-aligned), else an address.
     */
    public static final String IS_ADDRESS_RANGE_OR_CIDR = "(self.contains('-')"
            + " ? isIP(self.substring(0, self.indexOf('-'))) && isIP(self.substring(self.indexOf('-') + 1))"
            + " : (self.contains('/') ? isCIDR(self) : isIP(self)))"
            + " || " + LEFT_TO_WEBHOOK;

    public static final String IS_ADDRESS_RANGE_OR_CIDR_MESSAGE = "must be an IP address, a range (first-last) or a CIDR";

    public static final String IS_ADDRESS_RANGE_OR_CIDR_MESSAGE_EXPRESSION =
            "'\"' + self + '\" is not an IP address, a range (first-last) or a CIDR'";

    /** One entry of a prefix pool's {@code prefixes}: a CIDR (IPv6 only, aligned: the webhook's checks). */
    public static final String IS_CIDR = "isCIDR(self) || " + LEFT_TO_WEBHOOK;

    public static final String IS_CIDR_MESSAGE = "must be a CIDR";

    public static final String IS_CIDR_MESSAGE_EXPRESSION = "'\"' + self + '\" is not a CIDR'";

    /** A transition rule: the value is set on create and never changed afterwards. */
    public static final String IMMUTABLE = "self == oldSelf";

    /** Upstream's webhook refuses a change with exactly these words. */
    public static final String ALLOCATION_PREFIX_LENGTH_IMMUTABLE_MESSAGE = "spec.allocationPrefixLength is immutable";

    /**
     * {@code spec.preAllocations}: claim names as Kubernetes bounds them, values as long as an IPv6
     * CIDR can be, with room. The map's {@code maxProperties} bounds the rule's cost; what the values
     * are is the webhook's.
     */
    public static final String PRE_ALLOCATIONS_BOUNDED = "self.all(k, size(k) <= " + PreAllocations.MAX_CLAIM_NAME_LENGTH
            + " && size(self[k]) <= " + PreAllocations.MAX_VALUE_LENGTH + ")";

    public static final String PRE_ALLOCATIONS_BOUNDED_MESSAGE = "spec.preAllocations: every claim name must be at most "
            + PreAllocations.MAX_CLAIM_NAME_LENGTH + " characters long and every value at most " + PreAllocations.MAX_VALUE_LENGTH;

    private CelRules() {
    }
}

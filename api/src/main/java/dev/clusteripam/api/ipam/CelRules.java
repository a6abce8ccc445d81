package dev.clusteripam.api.ipam;

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
 * <p>List entries ({@code addresses}, {@code prefixes} and the exclusions) get no rule: without
 * {@code maxItems} and {@code maxLength}, which upstream does not declare, the API server
 * estimates a per-entry rule at several times its cost budget and refuses the CRD.
 */
public final class CelRules {

    /** Text CEL cannot judge: an IPv6 zone or an IPv4-mapped IPv6 address. */
    private static final String LEFT_TO_WEBHOOK = "self.contains('%') || self.lowerAscii().contains('ffff')";

    /** {@code spec.gateway} of an IP pool: empty (upstream reads that as no gateway) or an IP address. */
    public static final String GATEWAY_IS_IP = "self == '' || isIP(self) || " + LEFT_TO_WEBHOOK;

    public static final String GATEWAY_IS_IP_MESSAGE = "spec.gateway must be an IP address";

    public static final String GATEWAY_IS_IP_MESSAGE_EXPRESSION =
            "'spec.gateway \"' + self + '\" is not an IP address'";

    /** {@code spec.gateway} of a prefix pool: empty or an IPv6 address. */
    public static final String GATEWAY_IS_IPV6 =
            "self == '' || (isIP(self) ? ip(self).family() == 6 : " + LEFT_TO_WEBHOOK + ")";

    public static final String GATEWAY_IS_IPV6_MESSAGE = "spec.gateway must be an IPv6 address";

    public static final String GATEWAY_IS_IPV6_MESSAGE_EXPRESSION =
            "'spec.gateway \"' + self + '\" is not an IPv6 address'";

    /** A transition rule: the value is set on create and never changed afterwards. */
    public static final String IMMUTABLE = "self == oldSelf";

    /** Upstream's webhook refuses a change with exactly these words. */
    public static final String ALLOCATION_PREFIX_LENGTH_IMMUTABLE_MESSAGE = "spec.allocationPrefixLength is immutable";

    private CelRules() {
    }
}

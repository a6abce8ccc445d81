package dev.clusteripam.core.pool;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.text.Excerpt;
import java.util.Objects;
import java.util.Optional;

/**
 * One item (an address, or a sub-prefix of a prefix pool) named by a user for a pool to hand out,
 * read against that pool: from a claim's requested-address annotation or from an entry of the
 * pool's {@code spec.preAllocations}. Either the item, which the pool would hand out, or why not,
 * phrased to follow the quoted value ({@code "10.0.0.1" is the gateway}).
 *
 * @param text what was written, bounded ({@link Excerpt})
 */
public record RequestedItem<T>(String text, Optional<T> item, Optional<String> problem) {

    public RequestedItem {
        text = Excerpt.of(Objects.requireNonNull(text, "text"));
        if (item.isPresent() == problem.isPresent()) {
            throw new IllegalArgumentException("an item exactly when there is no problem");
        }
    }

    /** An address for an IP pool. */
    public static RequestedItem<IpAddress> of(String text, AddressPool pool) {
        Optional<IpAddress> address = IpAddress.tryParse(text);
        if (address.isEmpty()) {
            return unfit(text, "is not an IP address");
        }
        return pool.whyNotAllocatable(address.get())
                .map(why -> RequestedItem.<IpAddress>unfit(text, "is " + why.description()))
                .orElseGet(() -> new RequestedItem<>(text, address, Optional.empty()));
    }

    /** A sub-prefix for a prefix pool: a CIDR of the pool's allocation length, aligned to it. */
    public static RequestedItem<IpPrefix> of(String text, PrefixPool pool) {
        IpPrefix prefix;
        try {
            prefix = IpPrefix.parse(text);
        } catch (IpFormatException e) {
            return unfit(text, "is not a CIDR (an IPv6 sub-prefix such as fd00:1:2::/" + pool.allocationPrefixLength() + ")");
        }
        if (prefix.family() != IpFamily.IPV6) {
            return unfit(text, "is " + Unallocatable.OTHER_FAMILY.description());
        }
        if (prefix.length() != pool.allocationPrefixLength()) {
            return unfit(text, "is a /" + prefix.length() + "; the pool hands out /" + pool.allocationPrefixLength() + " sub-prefixes");
        }
        if (!prefix.isNetworkAligned()) {
            return unfit(text, "is not network-aligned; the sub-prefix is " + prefix.network());
        }
        return pool.whyNotAllocatable(prefix)
                .map(why -> RequestedItem.<IpPrefix>unfit(text, "is " + why.description()))
                .orElseGet(() -> new RequestedItem<>(text, Optional.of(prefix), Optional.empty()));
    }

    private static <T> RequestedItem<T> unfit(String text, String problem) {
        return new RequestedItem<>(text, Optional.empty(), Optional.of(problem));
    }

    /** {@code "10.0.0.1" is the gateway}; for an item the pool would hand out, only the quoted text. */
    public String describe() {
        return "\"" + text + "\"" + problem.map(p -> " " + p).orElse("");
    }
}

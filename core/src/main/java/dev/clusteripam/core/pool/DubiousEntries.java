package dev.clusteripam.core.pool;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.ip.IpRange;
import dev.clusteripam.core.pool.AddressPoolValidator.NumberedEntry;
import dev.clusteripam.core.text.Excerpt;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Warnings for what upstream accepts but that probably does not mean what its author thinks (SPEC
 * 2.10): an admission warning and the pool's condition message carry these words, so that a
 * dubious pool never surprises. Nothing here refuses anything.
 */
final class DubiousEntries {

    private static final IpPrefix IPV4_MAPPED = ipv4MappedPrefix();

    private DubiousEntries() {
    }

    /** A warning for each entry of {@code field} written as IPv4-mapped IPv6 addresses (an address, range or CIDR). */
    static void ipv4Mapped(String field, List<NumberedEntry> entries, List<String> warnings) {
        for (NumberedEntry numbered : entries) {
            IpRange range = numbered.entry().range();
            // An entry that starts or ends among them was written as mapped addresses; one that merely
            // spans them (::/0) was not, and gets no warning.
            if (IPV4_MAPPED.contains(range.first()) || IPV4_MAPPED.contains(range.last())) {
                warnings.add(field + "[" + numbered.index() + "] \"" + Excerpt.of(numbered.entry().text())
                        + "\" holds IPv4-mapped IPv6 addresses (" + IPV4_MAPPED + "); they are handed out as IPv6 addresses,"
                        + " which machines do not configure as their IPv4 equivalents");
            }
        }
    }

    /**
     * A warning for each CIDR entry of {@code field} that is not network-aligned: as upstream reads
     * it, it stands for its whole network, so it covers addresses below the one written.
     *
     * @param effect what happens to the addresses the widening adds: "are handed out too"
     */
    static void unalignedCidrs(String field, List<NumberedEntry> entries, String effect, List<String> warnings) {
        for (NumberedEntry numbered : entries) {
            PoolEntry entry = numbered.entry();
            if (entry.form() != PoolEntry.Form.CIDR) {
                continue;
            }
            IpPrefix written = parsedCidr(entry.text());
            if (!written.isNetworkAligned()) {
                warnings.add(field + "[" + numbered.index() + "] \"" + Excerpt.of(entry.text())
                        + "\" is not network-aligned; it is widened to its network " + written.network()
                        + ", so the addresses from " + written.network().firstAddress() + " on " + effect);
            }
        }
    }

    /** A warning when the pool may hand out the unspecified address of its family. */
    static Optional<String> unspecified(IpFamily family, boolean handedOut, String what) {
        if (!handedOut) {
            return Optional.empty();
        }
        String address = family == IpFamily.IPV4 ? "0.0.0.0" : "::";
        return Optional.of("the pool hands out " + what + " the unspecified address " + address
                + ", which no machine can use as its own");
    }

    /** A warning when the pool's size exceeds what status counts hold. */
    static Optional<String> saturatedCounts(BigInteger total, String unit) {
        if (!PoolUsage.saturates(total)) {
            return Optional.empty();
        }
        return Optional.of("the pool holds " + total + " " + unit + ", more than status.ipAddresses can count: total reads "
                + Long.MAX_VALUE + " and free reads that number minus the used ones");
    }

    /** The CIDR of an entry already parsed as one. */
    private static IpPrefix parsedCidr(String text) {
        try {
            return IpPrefix.parse(text);
        } catch (IpFormatException e) {
            throw new IllegalStateException("an entry parsed as a CIDR no longer parses: " + Excerpt.of(text), e);
        }
    }

    private static IpPrefix ipv4MappedPrefix() {
        return new IpPrefix(IpAddress.ipv6(0, 0xFFFF_0000_0000L), 96);
    }
}

package dev.clusteripam.core.pool;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.ip.IpRange;

/**
 * One entry of {@code spec.addresses}, {@code spec.excludedAddresses} or
 * {@code spec.excludedPrefixes}: a single address ({@code 10.0.0.5}), a range
 * ({@code 10.0.1.10-10.0.1.100}) or a CIDR ({@code 10.0.0.0/24}), reduced to the addresses it covers.
 */
public record PoolEntry(String text, Form form, IpRange range) {

    public enum Form { ADDRESS, RANGE, CIDR }

    /**
     * Parses an entry the way upstream tells the forms apart: a '-' makes it a range, else a '/'
     * makes it a CIDR (its host bits ignored: {@code 10.0.0.5/24} is the whole /24), else it is
     * an address.
     */
    public static PoolEntry parse(String text) throws IpFormatException {
        if (text.indexOf('-') >= 0) {
            return new PoolEntry(text, Form.RANGE, IpRange.parse(text));
        }
        if (text.indexOf('/') >= 0) {
            return new PoolEntry(text, Form.CIDR, IpPrefix.parse(text).toRange());
        }
        return new PoolEntry(text, Form.ADDRESS, IpRange.single(IpAddress.parse(text)));
    }

    public IpFamily family() {
        return range.family();
    }
}

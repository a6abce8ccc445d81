package dev.clusteripam.core.ip;

import java.math.BigInteger;
import java.util.Objects;

/** The addresses from {@code first} to {@code last}, both included, of one family. */
public record IpRange(IpAddress first, IpAddress last) implements Comparable<IpRange> {

    public IpRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.family() != last.family()) {
            throw new IllegalArgumentException("range " + first + "-" + last + " mixes IP families");
        }
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("range start " + first + " is after its end " + last);
        }
    }

    public static IpRange single(IpAddress address) {
        return new IpRange(address, address);
    }

    /**
     * Parses {@code a-b} as Go's {@code netipx.ParseIPRange} does: both ends are addresses of the
     * same family, the start not after the end, nothing around the hyphen.
     */
    public static IpRange parse(String text) throws IpFormatException {
        int hyphen = text.indexOf('-');
        if (hyphen < 0) {
            throw new IpFormatException("\"" + text + "\" is not a range: no '-'");
        }
        IpAddress start = IpAddress.parse(text.substring(0, hyphen));
        IpAddress end = IpAddress.parse(text.substring(hyphen + 1));
        if (start.family() != end.family()) {
            throw new IpFormatException("range \"" + text + "\" mixes IPv4 and IPv6");
        }
        if (start.compareTo(end) > 0) {
            throw new IpFormatException("range \"" + text + "\" starts after it ends");
        }
        return new IpRange(start, end);
    }

    public IpFamily family() {
        return first.family();
    }

    public boolean contains(IpAddress address) {
        return address.family() == family() && first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
    }

    public boolean contains(IpRange other) {
        return contains(other.first) && contains(other.last);
    }

    /** Number of addresses in the range. */
    public BigInteger size() {
        return U128.countInclusive(first.value(), last.value());
    }

    @Override
    public int compareTo(IpRange other) {
        int byFirst = first.compareTo(other.first);
        return byFirst != 0 ? byFirst : last.compareTo(other.last);
    }

    /** {@code a} for a single address, {@code a-b} otherwise. */
    @Override
    public String toString() {
        return first.equals(last) ? first.toString() : first + "-" + last;
    }
}

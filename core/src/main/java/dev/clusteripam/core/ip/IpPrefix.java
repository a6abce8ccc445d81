package dev.clusteripam.core.ip;

import java.util.Objects;

/**
 * An address with a prefix length, as written in CIDR notation. The address need not be the
 * network address ({@code 10.0.0.5/24} is a valid CIDR entry that stands for the whole /24, as
 * upstream treats it); {@link #isNetworkAligned()} tells whether it is.
 */
public record IpPrefix(IpAddress address, int length) implements Comparable<IpPrefix> {

    public IpPrefix {
        Objects.requireNonNull(address, "address");
        if (length < 0 || length > address.family().bits()) {
            throw new IllegalArgumentException("prefix length " + length + " is outside 0.." + address.family().bits() + " for " + address.family());
        }
    }

    /**
     * Parses {@code address/length} as Go's {@code netip.ParsePrefix} does: a decimal length
     * without sign or leading zeros, at most the family's width.
     */
    public static IpPrefix parse(String text) throws IpFormatException {
        int slash = text.lastIndexOf('/');
        if (slash < 0) {
            throw new IpFormatException("\"" + text + "\" is not a CIDR: no '/'");
        }
        IpAddress address = IpAddress.parse(text.substring(0, slash));
        String bits = text.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IpFormatException("\"" + text + "\" is not a CIDR: \"" + bits + "\" is not a prefix length");
        }
        if (bits.length() > 1 && bits.charAt(0) == '0') {
            throw new IpFormatException("\"" + text + "\" is not a CIDR: prefix length \"" + bits + "\" has a leading zero");
        }
        int length = Integer.parseInt(bits);
        if (length > address.family().bits()) {
            throw new IpFormatException("\"" + text + "\" is not a CIDR: an " + address.family() + " prefix length is at most " + address.family().bits());
        }
        return new IpPrefix(address, length);
    }

    /** The prefix of {@code length} bits that contains {@code address}. */
    public static IpPrefix containing(IpAddress address, int length) {
        return new IpPrefix(address, length).network();
    }

    public IpFamily family() {
        return address.family();
    }

    /** The same prefix with the host bits cleared. */
    public IpPrefix network() {
        return new IpPrefix(new IpAddress(family(), address.value().and(networkMask())), length);
    }

    public boolean isNetworkAligned() {
        return address.value().and(hostMask()).isZero();
    }

    public IpAddress firstAddress() {
        return network().address();
    }

    /** The last address of the prefix; for IPv4 the broadcast address. */
    public IpAddress lastAddress() {
        return new IpAddress(family(), address.value().or(hostMask()));
    }

    public IpRange toRange() {
        return new IpRange(firstAddress(), lastAddress());
    }

    public boolean contains(IpAddress other) {
        return toRange().contains(other);
    }

    /** Number of host bits: the family's width minus the prefix length. */
    public int hostBits() {
        return family().bits() - length;
    }

    private U128 hostMask() {
        return U128.lowBitsMask(hostBits());
    }

    private U128 networkMask() {
        return hostMask().not().and(family().maxValue());
    }

    @Override
    public int compareTo(IpPrefix other) {
        int byAddress = address.compareTo(other.address);
        return byAddress != 0 ? byAddress : Integer.compare(length, other.length);
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}

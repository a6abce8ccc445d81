package dev.clusteripam.core.ip;

/** The two IP families. A pool holds addresses of exactly one. */
public enum IpFamily {
    IPV4(32, "IPv4"),
    IPV6(128, "IPv6");

    private final int bits;
    private final String displayName;

    IpFamily(int bits, String displayName) {
        this.bits = bits;
        this.displayName = displayName;
    }

    /** Address width in bits, and so the longest prefix length of the family. */
    public int bits() {
        return bits;
    }

    /** The highest address value of the family. */
    public U128 maxValue() {
        return U128.lowBitsMask(bits);
    }

    @Override
    public String toString() {
        return displayName;
    }
}

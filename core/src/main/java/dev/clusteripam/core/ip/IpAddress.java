package dev.clusteripam.core.ip;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One IPv4 or IPv6 address. Ordered by family (IPv4 first), then numerically.
 *
 * <p>Parsing follows Go's {@code net/netip.ParseAddr}, which the upstream provider uses, so that
 * we accept and refuse the same text: IPv4 only as a dotted quad without leading zeros, IPv6 in
 * RFC 4291 text form (optionally with an embedded dotted quad), no surrounding spaces. Zones
 * ({@code fe80::1%eth0}) are refused: an address handed to a machine has no zone. {@link
 * #toString()} gives the canonical text: dotted quad, or RFC 5952 for IPv6 (lowercase, longest run
 * of zero groups compressed), IPv4-mapped IPv6 as {@code ::ffff:a.b.c.d} as Go prints it.
 */
public record IpAddress(IpFamily family, U128 value) implements Comparable<IpAddress> {

    public IpAddress {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(value, "value");
        if (value.isAfter(family.maxValue())) {
            throw new IllegalArgumentException("value " + value + " does not fit an " + family + " address");
        }
    }

    public static IpAddress ipv4(long unsignedValue) {
        return new IpAddress(IpFamily.IPV4, U128.ofUnsigned(unsignedValue));
    }

    public static IpAddress ipv6(long high, long low) {
        return new IpAddress(IpFamily.IPV6, new U128(high, low));
    }

    /** Parses one address; see the class comment for what is accepted. */
    public static IpAddress parse(String text) throws IpFormatException {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IpFormatException("an empty string is not an IP address");
        }
        if (text.indexOf(':') >= 0) {
            return new IpAddress(IpFamily.IPV6, parseIpv6(text));
        }
        return ipv4(parseIpv4(text, text));
    }

    /** {@code text} as an address, or empty when it is null or not one: for values read from objects users write. */
    public static Optional<IpAddress> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(text));
        } catch (IpFormatException e) {
            return Optional.empty();
        }
    }

    public boolean isIpv4() {
        return family == IpFamily.IPV4;
    }

    /** The address after this one in the same family, or empty at the end of the family. */
    public Optional<IpAddress> next() {
        return value.equals(family.maxValue())
                ? Optional.empty()
                : Optional.of(new IpAddress(family, value.next()));
    }

    /** The address before this one in the same family, or empty at the start of the family. */
    public Optional<IpAddress> previous() {
        return value.isZero() ? Optional.empty() : Optional.of(new IpAddress(family, value.previous()));
    }

    @Override
    public int compareTo(IpAddress other) {
        int byFamily = family.compareTo(other.family);
        return byFamily != 0 ? byFamily : value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return family == IpFamily.IPV4 ? formatIpv4(value.low()) : formatIpv6(value);
    }

    // ---- parsing ---------------------------------------------------------------------------

    private static long parseIpv4(String text, String whole) throws IpFormatException {
        long result = 0;
        int octets = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i < text.length() && text.charAt(i) != '.') {
                continue;
            }
            String octet = text.substring(start, i);
            if (octet.isEmpty()) {
                throw new IpFormatException("\"" + whole + "\" is not an IPv4 address: empty octet");
            }
            if (octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IpFormatException("\"" + whole + "\" is not an IPv4 address: octet \"" + octet + "\" is not a number 0-255");
            }
            if (octet.length() > 1 && octet.charAt(0) == '0') {
                throw new IpFormatException("\"" + whole + "\" is not an IPv4 address: octet \"" + octet + "\" has a leading zero");
            }
            int number = Integer.parseInt(octet);
            if (number > 255) {
                throw new IpFormatException("\"" + whole + "\" is not an IPv4 address: octet " + number + " is above 255");
            }
            if (++octets > 4) {
                throw new IpFormatException("\"" + whole + "\" is not an IPv4 address: more than four octets");
            }
            result = (result << 8) | number;
            start = i + 1;
        }
        if (octets != 4) {
            throw new IpFormatException("\"" + whole + "\" is not an IPv4 address: it needs four octets");
        }
        return result;
    }

    private static U128 parseIpv6(String text) throws IpFormatException {
        if (text.indexOf('%') >= 0) {
            throw new IpFormatException("\"" + text + "\" is not allowed: IPv6 zones have no meaning in a pool");
        }
        // groups[i] holds 16 bits; ellipsis marks where "::" stood, -1 when absent.
        int[] groups = new int[8];
        int count = 0;
        int ellipsis = -1;
        int i = 0;
        if (text.startsWith("::")) {
            ellipsis = 0;
            i = 2;
        }
        while (i < text.length()) {
            int end = i;
            while (end < text.length() && isAsciiHexDigit(text.charAt(end))) {
                end++;
            }
            if (end < text.length() && text.charAt(end) == '.') {
                // Embedded dotted quad: must be the last 32 bits.
                if (count > 6) {
                    throw new IpFormatException("\"" + text + "\" is not an IPv6 address: too many groups");
                }
                long v4 = parseIpv4(text.substring(i), text);
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = text.length();
                break;
            }
            int digits = end - i;
            if (digits == 0 || digits > 4) {
                throw new IpFormatException("\"" + text + "\" is not an IPv6 address: each group needs one to four hex digits");
            }
            if (count == 8) {
                throw new IpFormatException("\"" + text + "\" is not an IPv6 address: more than eight groups");
            }
            groups[count++] = Integer.parseInt(text.substring(i, end), 16);
            i = end;
            if (i == text.length()) {
                break;
            }
            if (text.charAt(i) != ':') {
                throw new IpFormatException("\"" + text + "\" is not an IPv6 address: unexpected character '" + text.charAt(i) + "'");
            }
            i++;
            if (i < text.length() && text.charAt(i) == ':') {
                if (ellipsis >= 0) {
                    throw new IpFormatException("\"" + text + "\" is not an IPv6 address: \"::\" may appear only once");
                }
                ellipsis = count;
                i++;
            } else if (i == text.length()) {
                throw new IpFormatException("\"" + text + "\" is not an IPv6 address: it ends with a single ':'");
            }
        }
        if (ellipsis >= 0) {
            if (count == 8) {
                throw new IpFormatException("\"" + text + "\" is not an IPv6 address: \"::\" stands for no group");
            }
            int shift = 8 - count;
            System.arraycopy(groups, ellipsis, groups, ellipsis + shift, count - ellipsis);
            Arrays.fill(groups, ellipsis, ellipsis + shift, 0);
        } else if (count != 8) {
            throw new IpFormatException("\"" + text + "\" is not an IPv6 address: it needs eight groups or \"::\"");
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 4; g++) {
            high = (high << 16) | groups[g];
            low = (low << 16) | groups[g + 4];
        }
        return new U128(high, low);
    }

    private static boolean isAsciiHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    // ---- formatting ------------------------------------------------------------------------

    private static String formatIpv4(long value) {
        return ((value >>> 24) & 0xFF) + "." + ((value >>> 16) & 0xFF) + "." + ((value >>> 8) & 0xFF) + "." + (value & 0xFF);
    }

    private static String formatIpv6(U128 value) {
        int[] groups = new int[8];
        for (int g = 0; g < 4; g++) {
            groups[g] = (int) ((value.high() >>> (48 - 16 * g)) & 0xFFFF);
            groups[g + 4] = (int) ((value.low() >>> (48 - 16 * g)) & 0xFFFF);
        }
        if (value.high() == 0 && (value.low() >>> 32) == 0xFFFFL) {
            return "::ffff:" + formatIpv4(value.low() & 0xFFFFFFFFL);
        }
        // RFC 5952 4.2: compress the longest run of two or more zero groups, the first on a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int g = 0; g < 8; ) {
            if (groups[g] != 0) {
                g++;
                continue;
            }
            int runEnd = g;
            while (runEnd < 8 && groups[runEnd] == 0) {
                runEnd++;
            }
            if (runEnd - g > bestLength) {
                bestStart = g;
                bestLength = runEnd - g;
            }
            g = runEnd;
        }
        StringBuilder text = new StringBuilder(39);
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                text.append("::");
                g += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[g]));
        }
        return text.toString();
    }
}

package dev.clusteripam.core.ip;

import java.math.BigInteger;

/**
 * An unsigned 128-bit integer: the arithmetic under every IPv4 and IPv6 address and every
 * sub-prefix number. Two longs instead of a BigInteger because the allocator compares and steps
 * these values on every operation and they must stay cheap.
 */
public record U128(long high, long low) implements Comparable<U128> {

    public static final U128 ZERO = new U128(0L, 0L);
    public static final U128 ONE = new U128(0L, 1L);
    public static final U128 MAX = new U128(-1L, -1L);

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger TWO_TO_128 = BigInteger.ONE.shiftLeft(128);

    /** The value of an unsigned 64-bit number. */
    public static U128 ofUnsigned(long low) {
        return new U128(0L, low);
    }

    public static U128 of(BigInteger value) {
        if (value.signum() < 0 || value.compareTo(TWO_TO_128) >= 0) {
            throw new ArithmeticException(value + " does not fit into 128 unsigned bits");
        }
        return new U128(value.shiftRight(64).longValue(), value.longValue());
    }

    /** A value whose lowest {@code bits} bits are set, for 0 <= bits <= 128. */
    public static U128 lowBitsMask(int bits) {
        checkShift(bits);
        if (bits == 0) {
            return ZERO;
        }
        if (bits <= 64) {
            return new U128(0L, bits == 64 ? -1L : (1L << bits) - 1);
        }
        return new U128(bits == 128 ? -1L : (1L << (bits - 64)) - 1, -1L);
    }

    public boolean isMax() {
        return high == -1L && low == -1L;
    }

    public boolean isZero() {
        return high == 0L && low == 0L;
    }

    /** This value plus one; the caller guarantees it is not {@link #MAX}. */
    public U128 next() {
        if (isMax()) {
            throw new ArithmeticException("no 128-bit value after the maximum");
        }
        return low == -1L ? new U128(high + 1, 0L) : new U128(high, low + 1);
    }

    /** This value minus one; the caller guarantees it is not zero. */
    public U128 previous() {
        if (isZero()) {
            throw new ArithmeticException("no 128-bit value before zero");
        }
        return low == 0L ? new U128(high - 1, -1L) : new U128(high, low - 1);
    }

    public U128 and(U128 other) {
        return new U128(high & other.high, low & other.low);
    }

    public U128 or(U128 other) {
        return new U128(high | other.high, low | other.low);
    }

    public U128 not() {
        return new U128(~high, ~low);
    }

    public U128 shiftRight(int bits) {
        checkShift(bits);
        if (bits == 0) {
            return this;
        }
        if (bits >= 64) {
            return new U128(0L, bits == 128 ? 0L : high >>> (bits - 64));
        }
        return new U128(high >>> bits, (low >>> bits) | (high << (64 - bits)));
    }

    public U128 shiftLeft(int bits) {
        checkShift(bits);
        if (bits == 0) {
            return this;
        }
        if (bits >= 64) {
            return new U128(bits == 128 ? 0L : low << (bits - 64), 0L);
        }
        return new U128((high << bits) | (low >>> (64 - bits)), low << bits);
    }

    public BigInteger toBigInteger() {
        BigInteger highPart = new BigInteger(Long.toUnsignedString(high));
        return highPart.multiply(TWO_TO_64).add(new BigInteger(Long.toUnsignedString(low)));
    }

    /** How many values lie in [first, last], both included. */
    public static BigInteger countInclusive(U128 first, U128 last) {
        return last.toBigInteger().subtract(first.toBigInteger()).add(BigInteger.ONE);
    }

    @Override
    public int compareTo(U128 other) {
        int byHigh = Long.compareUnsigned(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    public boolean isBefore(U128 other) {
        return compareTo(other) < 0;
    }

    public boolean isAfter(U128 other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return toBigInteger().toString();
    }

    private static void checkShift(int bits) {
        if (bits < 0 || bits > 128) {
            throw new IllegalArgumentException("bit count " + bits + " is outside 0..128");
        }
    }
}

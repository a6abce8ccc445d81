package dev.clusteripam.core.pool;

import java.math.BigInteger;

/**
 * A pool's {@code status.ipAddresses}. {@code free} is what can still be handed out:
 * {@code total - (used - outOfRange)}, never negative. A total above the int64 range reads as
 * {@link Long#MAX_VALUE}, as upstream reports it, and {@code free} is then computed from that capped
 * total, so that {@code total - free == used - outOfRange} holds for every pool a user reads.
 */
public record PoolUsage(long total, long used, long outOfRange, long free) {

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /**
     * @param total allocatable addresses (or sub-prefixes) of the pool
     * @param used every address that names the pool
     * @param outOfRange the used ones that the pool would not hand out now
     */
    public static PoolUsage of(BigInteger total, long used, long outOfRange) {
        long reportedTotal = capped(total);
        BigInteger inRange = BigInteger.valueOf(used).subtract(BigInteger.valueOf(outOfRange));
        BigInteger free = BigInteger.valueOf(reportedTotal).subtract(inRange).max(BigInteger.ZERO);
        return new PoolUsage(reportedTotal, used, outOfRange, capped(free));
    }

    /** Whether {@code total} is more than the status can hold, so that it reads as the int64 maximum. */
    public static boolean saturates(BigInteger total) {
        return total.compareTo(LONG_MAX) > 0;
    }

    private static long capped(BigInteger value) {
        return value.min(LONG_MAX).longValueExact();
    }
}

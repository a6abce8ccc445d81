package dev.clusteripam.core.pool;

import java.math.BigInteger;

/**
 * A pool's {@code status.ipAddresses}. {@code free} is what can still be handed out:
 * {@code total - (used - outOfRange)}, never negative. Counts above the int64 range read as
 * {@link Long#MAX_VALUE}.
 */
public record PoolUsage(long total, long used, long outOfRange, long free) {

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /**
     * @param total allocatable addresses (or sub-prefixes) of the pool
     * @param used every address that names the pool
     * @param outOfRange the used ones that the pool would not hand out now
     */
    public static PoolUsage of(BigInteger total, long used, long outOfRange) {
        BigInteger inRange = BigInteger.valueOf(used - outOfRange);
        BigInteger free = total.subtract(inRange).max(BigInteger.ZERO);
        return new PoolUsage(capped(total), used, outOfRange, capped(free));
    }

    private static long capped(BigInteger value) {
        return value.min(LONG_MAX).longValueExact();
    }
}

package dev.clusteripam.core.overlap;

import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpRange;
import dev.clusteripam.core.pool.AddressPool;
import java.util.List;
import java.util.Objects;

/** The addresses one pool shares with {@code other}: never empty. */
public record Overlap<K>(K other, IpFamily family, IntervalSet shared) {

    public Overlap {
        Objects.requireNonNull(other, "other");
        Objects.requireNonNull(family, "family");
        if (shared.isEmpty()) {
            throw new IllegalArgumentException("an overlap shares at least one address");
        }
    }

    /** The shared addresses as the fewest ranges, lowest first. */
    public List<IpRange> ranges() {
        return AddressPool.toRanges(family, shared);
    }
}

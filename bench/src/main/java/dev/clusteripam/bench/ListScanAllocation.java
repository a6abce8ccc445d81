package dev.clusteripam.bench;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpRange;
import dev.clusteripam.core.pool.AddressPool;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The baseline: the work the upstream Go provider does for every allocation, written plainly.
 * Upstream lists the pool's IPAddresses and rebuilds the set of addresses in use from that list on
 * each reconcile, then walks the pool from its first address to the first one not in the set. Here
 * the set is a {@link HashSet} (constant-time lookups, cheaper than upstream's sorted IP set) and
 * the addresses come already parsed, so the baseline errs in upstream's favour.
 */
public final class ListScanAllocation {

    private ListScanAllocation() {
    }

    /** The lowest allocatable address of {@code pool} not in {@code used}, or empty when there is none. */
    public static Optional<IpAddress> firstFree(AddressPool pool, List<IpAddress> used) {
        Set<IpAddress> inUse = new HashSet<>(used);
        for (IpRange range : pool.allocatableRanges()) {
            for (IpAddress candidate = range.first(); ; candidate = candidate.next().orElseThrow()) {
                if (!inUse.contains(candidate)) {
                    return Optional.of(candidate);
                }
                if (candidate.equals(range.last())) {
                    break;
                }
            }
        }
        return Optional.empty();
    }
}

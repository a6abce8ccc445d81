package dev.clusteripam.webhook.allocations;

import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.core.overlap.Overlap;
import dev.clusteripam.core.overlap.PoolAddressSet;
import java.util.List;

/**
 * Which other pools share addresses with a pool about to be admitted: answered from every pool's
 * address set, kept in a cache (the provider answers from the index its controller keeps).
 */
@FunctionalInterface
public interface PoolOverlaps {

    /**
     * What {@code addresses}, as {@code pool} would have them, share with every other pool, by pool;
     * empty when nothing.
     *
     * @throws AllocationsUnavailableException while the cache of pools is not yet filled
     */
    List<Overlap<PoolIdentity>> overlapsWith(PoolIdentity pool, PoolAddressSet addresses) throws AllocationsUnavailableException;
}

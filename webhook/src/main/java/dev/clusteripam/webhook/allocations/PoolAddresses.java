package dev.clusteripam.webhook.allocations;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.PoolIdentity;
import java.util.List;

/**
 * Which IPAddresses name a pool (see {@link PoolIdentity#namedBy}): what the webhook checks an
 * update or a deletion against. Answered from a cache, never by listing IPAddresses per question:
 * the provider answers from its own IPAddress cache.
 */
@FunctionalInterface
public interface PoolAddresses {

    /**
     * The IPAddresses that name {@code pool}, in no particular order; empty when none does.
     *
     * @throws AllocationsUnavailableException while the cache is not yet filled: no answer is better
     *     than a wrong one
     */
    List<IPAddress> addressesOf(PoolIdentity pool) throws AllocationsUnavailableException;
}

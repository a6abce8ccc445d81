package dev.clusteripam.webhook.allocations;

import dev.clusteripam.api.capi.IPAddress;
import java.util.List;

/**
 * Which IPAddresses name a pool. An IPAddress names a pool when its {@code spec.poolRef} has API
 * group {@code ipam.cluster.x-k8s.io}, the pool's kind and name, and, for a namespaced pool, the
 * IPAddress lives in the pool's namespace.
 *
 * <p>Answered from a cache, never by listing IPAddresses per question: see {@link
 * InformerPoolAllocations}, which runs an informer of its own or wraps one the provider runs; a
 * provider with its own IPAddress cache can also answer with a lambda over it.
 */
@FunctionalInterface
public interface PoolAllocations {

    /**
     * The IPAddresses that name {@code pool}, in no particular order; empty when none does.
     *
     * @throws AllocationsUnavailableException while the cache is not yet filled: no answer is better
     *     than a wrong one
     */
    List<IPAddress> addressesOf(PoolRef pool) throws AllocationsUnavailableException;
}

package dev.clusteripam.webhook.testing;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.webhook.allocations.PoolAddresses;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;

/**
 * The test's stand-in for the provider's IPAddress cache: an informer on every namespace's
 * IPAddresses, indexed by the pool each names, as the provider's cache is.
 */
public final class CachedPoolAddresses implements PoolAddresses, AutoCloseable {

    private static final String BY_POOL = "pool";

    private final SharedIndexInformer<IPAddress> informer;

    private CachedPoolAddresses(SharedIndexInformer<IPAddress> informer) {
        this.informer = informer;
    }

    /** Starts the informer; {@link #hasSynced()} tells when it holds every IPAddress. */
    static CachedPoolAddresses start(KubernetesClient client) {
        SharedIndexInformer<IPAddress> informer = client.resources(IPAddress.class).inAnyNamespace().runnableInformer(0);
        informer.addIndexers(Map.of(BY_POOL, address -> PoolIdentity.namedBy(address).map(pool -> List.of(pool.indexKey())).orElse(List.of())));
        informer.start();
        return new CachedPoolAddresses(informer);
    }

    boolean hasSynced() {
        return informer.hasSynced();
    }

    @Override
    public List<IPAddress> addressesOf(PoolIdentity pool) {
        return informer.getIndexer().byIndex(BY_POOL, pool.indexKey());
    }

    @Override
    public void close() {
        informer.close();
    }
}

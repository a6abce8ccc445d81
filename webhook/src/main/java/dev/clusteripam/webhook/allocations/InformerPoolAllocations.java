package dev.clusteripam.webhook.allocations;

import dev.clusteripam.api.capi.IPAddress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Objects;

/**
 * {@link PoolAllocations} answered from an IPAddress informer's cache through {@link
 * IPAddressPoolIndex}: a lookup per question, whatever the number of IPAddresses.
 */
public final class InformerPoolAllocations implements PoolAllocations, AutoCloseable {

    private final SharedIndexInformer<IPAddress> informer;
    private final boolean ownsInformer;

    private InformerPoolAllocations(SharedIndexInformer<IPAddress> informer, boolean ownsInformer) {
        this.informer = informer;
        this.ownsInformer = ownsInformer;
    }

    /**
     * Answers from an informer the caller runs and stops, for example the provider's own, which must
     * carry {@link IPAddressPoolIndex#indexers()} (added before it starts) and watch every namespace
     * that holds IPAddresses of our pools.
     */
    public static InformerPoolAllocations over(SharedIndexInformer<IPAddress> informer) {
        Objects.requireNonNull(informer, "informer");
        if (!informer.getIndexer().getIndexers().containsKey(IPAddressPoolIndex.NAME)) {
            throw new IllegalArgumentException("the IPAddress informer lacks the index " + IPAddressPoolIndex.NAME
                    + "; add IPAddressPoolIndex.indexers() before starting it");
        }
        return new InformerPoolAllocations(informer, false);
    }

    /**
     * Starts an informer of its own on the IPAddresses of every namespace; {@link #close()} stops
     * it. Questions are refused until it has listed them all (see {@link #hasSynced()}).
     */
    public static InformerPoolAllocations start(KubernetesClient client) {
        SharedIndexInformer<IPAddress> informer = client.resources(IPAddress.class).inAnyNamespace().runnableInformer(0);
        informer.addIndexers(IPAddressPoolIndex.indexers());
        informer.start();
        return new InformerPoolAllocations(informer, true);
    }

    /** Whether the cache holds every IPAddress, so that questions get answers. */
    public boolean hasSynced() {
        return informer.hasSynced();
    }

    @Override
    public List<IPAddress> addressesOf(PoolRef pool) throws AllocationsUnavailableException {
        if (!hasSynced()) {
            throw new AllocationsUnavailableException("the cache of IPAddresses is still loading");
        }
        return informer.getIndexer().byIndex(IPAddressPoolIndex.NAME, IPAddressPoolIndex.keyOf(pool));
    }

    /** Stops the informer if this started it; an informer handed to {@link #over} is the caller's. */
    @Override
    public void close() {
        if (ownsInformer) {
            informer.close();
        }
    }
}

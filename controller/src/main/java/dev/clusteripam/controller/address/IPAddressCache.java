package dev.clusteripam.controller.address;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.controller.informer.InformerStart;
import dev.clusteripam.core.ip.IpAddress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The provider's one IPAddress informer, shared by the claim and pool reconcilers and the pools'
 * holdings, and synced before any of them starts: holdings built from a half-filled cache could
 * hand out an address that is already in use. Indexed by the pool each IPAddress names and by its
 * address, so that nothing ever lists every IPAddress.
 */
public final class IPAddressCache implements AutoCloseable {

    /** Something that follows IPAddresses as they come, change and go. */
    public interface Listener {
        void added(IPAddress address);

        void deleted(IPAddress address);
    }

    private static final String BY_POOL = "pool";
    /** By the canonical text of {@code spec.address}, which tells the family too; an address that does not parse is not indexed. */
    private static final String BY_ADDRESS = "address";

    private final SharedIndexInformer<IPAddress> informer;
    private static final Duration CATCH_UP_POLL = Duration.ofMillis(10);

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile InformerStart.Syncing syncing;
    /**
     * Keys of the IPAddresses whose add the handler has passed to the listeners, until it has caught
     * up with the store (then null). The store holds the first list before the handler has passed
     * it on, and a listener added once the cache is synced must not get that list's adds late:
     * each one would reconcile its claim at the start, ahead of new claims.
     */
    private volatile Set<String> addsPassedOn = ConcurrentHashMap.newKeySet();

    private IPAddressCache(SharedIndexInformer<IPAddress> informer) {
        this.informer = informer;
    }

    /** A cache not yet started: add the listeners that must see every IPAddress, then {@link #start}. */
    public static IPAddressCache create(KubernetesClient client) {
        SharedIndexInformer<IPAddress> informer = client.resources(IPAddress.class).inAnyNamespace().runnableInformer(0);
        informer.addIndexers(Map.of(
                BY_POOL, address -> PoolIdentity.namedBy(address).map(k -> List.of(k.indexKey())).orElse(List.of()),
                BY_ADDRESS, address -> addressOf(address).map(held -> List.of(held.toString())).orElse(List.of())));
        IPAddressCache cache = new IPAddressCache(informer);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(IPAddress address) {
                cache.listeners.forEach(l -> l.added(address));
                Set<String> passedOn = cache.addsPassedOn;
                if (passedOn != null) {
                    passedOn.add(address.getMetadata().getNamespace() + "/" + address.getMetadata().getName());
                }
            }

            @Override
            public void onUpdate(IPAddress before, IPAddress after) {
                cache.listeners.forEach(l -> l.added(after));
            }

            @Override
            public void onDelete(IPAddress address, boolean finalStateUnknown) {
                cache.listeners.forEach(l -> l.deleted(address));
            }
        });
        return cache;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Starts the informer; {@link #awaitSynced} waits until it holds every IPAddress of the cluster, for at most {@code timeout} from now. */
    public void start(Duration timeout) {
        syncing = InformerStart.start(List.of(informer), timeout, "the IPAddress cache");
    }

    /** Returns once the cache holds every IPAddress of the cluster: before that, holdings built from it could hand out one in use. */
    public void awaitSynced() {
        syncing.await();
        try {
            while (!addsCaughtUp()) {
                Thread.sleep(CATCH_UP_POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the handler has passed on the add of every IPAddress the store holds. */
    private boolean addsCaughtUp() {
        Set<String> passedOn = addsPassedOn;
        if (passedOn == null) {
            return true;
        }
        if (!informer.getStore().listKeys().stream().allMatch(passedOn::contains)) {
            return false;
        }
        addsPassedOn = null;
        return true;
    }

    /** The IPAddress of this namespace and name: the one that answers the claim of the same name. */
    public Optional<IPAddress> get(String namespace, String name) {
        return Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
    }

    /** Every IPAddress in the cache. */
    public List<IPAddress> all() {
        return informer.getStore().list();
    }

    /** Every IPAddress that names the pool. */
    public List<IPAddress> ofPool(PoolIdentity pool) {
        return informer.getIndexer().byIndex(BY_POOL, pool.indexKey());
    }

    /** Every IPAddress whose {@code spec.address} is {@code address}, whichever pool it names and however the address is written. */
    public List<IPAddress> at(IpAddress address) {
        return informer.getIndexer().byIndex(BY_ADDRESS, address.toString());
    }

    public boolean isWatching() {
        return informer.isRunning() && informer.hasSynced() && addsCaughtUp();
    }

    @Override
    public void close() {
        informer.close();
    }

    /** The address an IPAddress holds; empty when it does not parse (a hand-made one), as no pool hands that out. */
    public static Optional<IpAddress> addressOf(IPAddress address) {
        return address.getSpec() == null ? Optional.empty() : IpAddress.tryParse(address.getSpec().getAddress());
    }
}

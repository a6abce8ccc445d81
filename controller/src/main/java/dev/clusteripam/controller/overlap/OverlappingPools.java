package dev.clusteripam.controller.overlap;

import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.controller.informer.InformerStart;
import dev.clusteripam.controller.poolkind.PoolKindAdapter;
import dev.clusteripam.core.overlap.Overlap;
import dev.clusteripam.core.overlap.OverlapIndex;
import dev.clusteripam.core.overlap.PoolAddressSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every pool's address set, from an informer per pool kind, and which pools share addresses (issue
 * 14). A pool that comes, changes or goes is re-checked alone, against the index; the pools it
 * shared addresses with before or shares with now are handed to the listeners, so that only their
 * {@code Overlapping} condition is recomputed. The admission webhook asks the same index about a
 * pool before it is stored.
 */
public final class OverlappingPools implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OverlappingPools.class);

    /** Follows which pools' overlaps may have changed. */
    @FunctionalInterface
    public interface Listener {
        void overlapsChanged(Set<PoolIdentity> pools);
    }

    private final OverlapIndex<PoolIdentity> index = new OverlapIndex<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile InformerStart.Syncing syncing;

    private OverlappingPools() {
    }

    /** Not yet started: add listeners, then {@link #start}. Namespaced pools of {@code namespace} only, when given. */
    public static OverlappingPools create(KubernetesClient client, Optional<String> namespace) {
        OverlappingPools pools = new OverlappingPools();
        for (PoolKind kind : PoolKind.values()) {
            pools.informers.add(pools.informerOf(client, kind, kind.modelClass(), namespace));
        }
        return pools;
    }

    private <P extends HasMetadata> SharedIndexInformer<P> informerOf(KubernetesClient client, PoolKind kind, Class<P> type,
            Optional<String> namespace) {
        SharedIndexInformer<P> informer = kind.isNamespaced() && namespace.isPresent()
                ? client.resources(type).inNamespace(namespace.get()).runnableInformer(0)
                : client.resources(type).inAnyNamespace().runnableInformer(0);
        PoolKindAdapter adapter = PoolKindAdapter.of(kind);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(P pool) {
                put(PoolIdentity.of(kind, pool), adapter.addressSet(pool));
            }

            @Override
            public void onUpdate(P before, P after) {
                put(PoolIdentity.of(kind, after), adapter.addressSet(after));
            }

            @Override
            public void onDelete(P pool, boolean finalStateUnknown) {
                put(PoolIdentity.of(kind, pool), Optional.empty());
            }
        });
        return informer;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Starts the informers; {@link #awaitSynced} waits until each has listed every pool, for at most {@code timeout} from now. */
    public void start(Duration timeout) {
        syncing = InformerStart.start(informers, timeout, "the pool caches");
    }

    /** Returns once every pool kind has been listed once. */
    public void awaitSynced() {
        syncing.await();
    }

    /** Whether every pool kind has been listed once: before that, no answer is complete. */
    public boolean hasSynced() {
        return informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /**
     * Records {@code pool}'s addresses (empty: the pool is gone, or its spec is invalid and hands
     * nothing out) and tells the listeners which pools to look at again.
     */
    void put(PoolIdentity pool, Optional<PoolAddressSet> addresses) {
        Set<PoolIdentity> concerned = new HashSet<>();
        concerned.add(pool);
        synchronized (index) {
            index.overlapsOf(pool).forEach(o -> concerned.add(o.other()));
            if (addresses.isPresent()) {
                index.put(pool, addresses.get().family(), addresses.get().addresses());
            } else {
                index.remove(pool);
            }
            index.overlapsOf(pool).forEach(o -> concerned.add(o.other()));
        }
        if (concerned.size() > 1) {
            LOG.debug("overlaps may have changed: pool={} concerned={}", pool, concerned.size() - 1);
        }
        listeners.forEach(listener -> listener.overlapsChanged(Set.copyOf(concerned)));
    }

    /** What {@code pool} shares with every other pool, by pool; empty when nothing (or when the pool is not known). */
    public List<Overlap<PoolIdentity>> overlapsOf(PoolIdentity pool) {
        synchronized (index) {
            return index.overlapsOf(pool);
        }
    }

    /** What {@code addresses}, as {@code pool} would have them, share with every other pool; empty while the pools are not loaded. */
    public Optional<List<Overlap<PoolIdentity>>> overlapsWith(PoolIdentity pool, PoolAddressSet addresses) {
        if (!hasSynced()) {
            return Optional.empty();
        }
        synchronized (index) {
            return Optional.of(index.overlapsWith(addresses.family(), addresses.addresses(), Optional.of(pool)));
        }
    }

    /** How many pools share addresses with at least one other. */
    public int overlappingCount() {
        synchronized (index) {
            return index.allOverlaps().size();
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}

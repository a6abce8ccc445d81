package dev.clusteripam.app.inspect;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.controller.poolkind.PoolKindAdapter;
import dev.clusteripam.core.overlap.Overlap;
import dev.clusteripam.core.overlap.OverlapIndex;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every pool of the four kinds and every IPAddress that names one, as one read of the cluster (lists
 * only: nothing is written), with the pools' overlaps as the provider's overlap index finds them.
 */
final class ClusterPools {

    private final SortedMap<PoolIdentity, HasMetadata> pools;
    private final Map<PoolIdentity, List<IPAddress>> held;
    private final OverlapIndex<PoolIdentity> overlaps = new OverlapIndex<>();

    ClusterPools(SortedMap<PoolIdentity, HasMetadata> pools, List<IPAddress> addresses) {
        this.pools = Collections.unmodifiableSortedMap(new TreeMap<>(pools));
        Map<PoolIdentity, List<IPAddress>> byPool = new HashMap<>();
        for (IPAddress address : addresses) {
            PoolIdentity.namedBy(address).ifPresent(pool -> byPool.computeIfAbsent(pool, key -> new ArrayList<>()).add(address));
        }
        this.held = byPool;
        this.pools.forEach((identity, pool) -> PoolKindAdapter.of(identity.kind()).addressSet(pool)
                .ifPresent(set -> overlaps.put(identity, set.family(), set.addresses())));
    }

    /** Lists the pools of every kind and the IPAddresses of every namespace. */
    static ClusterPools read(KubernetesClient client) {
        SortedMap<PoolIdentity, HasMetadata> pools = new TreeMap<>();
        for (PoolKind kind : PoolKind.values()) {
            List<? extends HasMetadata> items = kind.isNamespaced()
                    ? client.resources(kind.modelClass()).inAnyNamespace().list().getItems()
                    : client.resources(kind.modelClass()).list().getItems();
            items.forEach(pool -> pools.put(PoolIdentity.of(kind, pool), pool));
        }
        return new ClusterPools(pools, client.resources(IPAddress.class).inAnyNamespace().list().getItems());
    }

    /** The pools, by kind, namespace and name. */
    SortedMap<PoolIdentity, HasMetadata> pools() {
        return pools;
    }

    /** The IPAddresses that name {@code pool}. */
    List<IPAddress> heldBy(PoolIdentity pool) {
        return held.getOrDefault(pool, List.of());
    }

    /** The pools {@code pool} shares addresses with; empty for a pool whose spec is invalid. */
    List<Overlap<PoolIdentity>> overlapsOf(PoolIdentity pool) {
        return overlaps.overlapsOf(pool);
    }
}

package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.Cluster;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.controller.address.IPAddressCache;
import dev.clusteripam.controller.address.IPAddressTriggers;
import dev.clusteripam.controller.namespace.NamespaceLabels;
import dev.clusteripam.controller.namespace.NamespaceTriggers;
import dev.clusteripam.controller.overlap.OverlappingPools;
import dev.clusteripam.controller.status.ClaimStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What makes a claim reconcile, and the caches the reconciler reads: a pool of each kind, a
 * Cluster, an IPAddress of the claim's name (and, when one comes or goes, the claims waiting for room
 * or for the item they ask for in its pool and in the pools that share addresses with it), a namespace's labels (the claims without an
 * address in it), found through indexes of the claims cache rather than by listing.
 */
final class ClaimEventSources {

    /** Claims by the pool they name. */
    private static final String BY_POOL = "pool";
    /** Claims by the Cluster they belong to, as namespace/name. */
    private static final String BY_CLUSTER = "cluster";
    /** As {@link #BY_POOL} and {@link #BY_CLUSTER}, the claims a start reconciles (see {@link #needsStartReconcile}). */
    private static final String TO_RECONCILE_AT_START_BY_POOL = "toReconcileAtStartByPool";
    private static final String TO_RECONCILE_AT_START_BY_CLUSTER = "toReconcileAtStartByCluster";
    /** Claims waiting for room, by the pool they wait on: served as soon as an address is released. */
    private static final String WAITING_FOR_ROOM = "waitingForRoom";
    /** Claims refused the item they ask for (or the one kept for them), by their pool: looked at again when an address there comes or goes. */
    private static final String WAITING_FOR_ITEM = "waitingForItem";
    /** Claims without an address, by their namespace: re-judged when the namespace's labels change. */
    private static final String UNSERVED_BY_NAMESPACE = "unservedByNamespace";

    private final IPAddressCache addresses;
    private final NamespaceLabels namespaces;
    private final OverlappingPools overlaps;
    private final Map<PoolKind, InformerEventSource<? extends HasMetadata, IPAddressClaim>> pools = new EnumMap<>(PoolKind.class);
    private InformerEventSource<Cluster, IPAddressClaim> clusters;
    private final Supplier<Predicate<IPAddressClaim>> consistent;
    /**
     * Claims served when the start listed them: their add's reconcile is left to
     * {@link ServedClaimsCheck}, so that it costs nothing ahead of new claims. Any other event for
     * one (an IPAddress, pool, Cluster or namespace of it, an update, the check finding it
     * inconsistent or backfilling its Ready condition) takes it out, and it is reconciled in full.
     */
    private final Set<ResourceID> deferredAtStart = ConcurrentHashMap.newKeySet();
    /**
     * Claims, pools and Clusters (as kind/namespace/name) whose add was judged before the check's
     * look: a cache holds an object before its add is handed to us, so the look waits until every
     * object the caches hold is among these. A claim judged after the look would be reconciled in
     * full, and a pool or Cluster would reconcile all its claims, ahead of new claims.
     */
    private final Set<String> judgedBeforeLook = ConcurrentHashMap.newKeySet();
    private IndexerResourceCache<IPAddressClaim> claims;
    private ServedClaimsCheck servedClaimsCheck;

    /** @param consistent for one pass: whether a served claim's status still holds against the caches (see {@link ServedClaimsCheck}) */
    ClaimEventSources(IPAddressCache addresses, NamespaceLabels namespaces, OverlappingPools overlaps,
            Supplier<Predicate<IPAddressClaim>> consistent) {
        this.addresses = addresses;
        this.namespaces = namespaces;
        this.overlaps = overlaps;
        this.consistent = consistent;
    }

    /**
     * Whether a start (the first list of claims, pools and Clusters) reconciles the claim: all but
     * those served, with the release finalizer (ours and the upstream provider's are one), not
     * paused and not being deleted, whether or not their Ready condition is current: the upstream
     * provider sets none, so on the first start on its claims every one lacks it. {@link
     * ServedClaimsCheck} looks at those after the start instead, without queueing them ahead of new claims.
     */
    static boolean needsStartReconcile(IPAddressClaim claim) {
        List<String> finalizers = claim.getMetadata().getFinalizers();
        return claim.getMetadata().getDeletionTimestamp() != null || finalizers == null
                || !finalizers.contains(ClaimReconciler.RELEASE_ADDRESS_FINALIZER) || PauseCheck.isPaused(claim)
                || !ClaimStatus.isServed(claim);
    }

    /** Whether the cache holds the claim as served (see {@link #needsStartReconcile}) but not saying so for its generation. */
    private boolean servedButNotCurrent(ResourceID id) {
        return claims.get(id).filter(claim -> !needsStartReconcile(claim) && !ClaimStatus.isServedAndCurrent(claim)).isPresent();
    }

    /**
     * Whether an added claim is reconciled: every one of ours (the operator drops any later event of
     * a claim whose add it never had). One added by the start's list that {@link #needsStartReconcile}
     * leaves out is deferred: its reconcile returns at once unless something else concerns it first.
     */
    boolean acceptsAdded(IPAddressClaim claim) {
        if (!ClaimReconciler.isOurs(claim)) {
            return false;
        }
        ResourceID id = ResourceID.fromResource(claim);
        servedClaimsCheck.beforeLook(() -> {
            judgedBeforeLook.add(judgedKey(claim));
            if (!needsStartReconcile(claim)) {
                deferredAtStart.add(id);
            }
        });
        return true;
    }

    /** Whether this reconcile is the deferred one of a claim's add at the start (see {@link #acceptsAdded}); true once at most. */
    boolean deferredAtStart(IPAddressClaim claim) {
        return deferredAtStart.remove(ResourceID.fromResource(claim)) && !needsStartReconcile(claim);
    }

    /** An event other than its add concerns each of these claims: none is deferred any more. */
    Set<ResourceID> undeferred(Set<ResourceID> concerned) {
        if (!deferredAtStart.isEmpty()) {
            concerned.forEach(deferredAtStart::remove);
        }
        return concerned;
    }

    /** The pool a claim names, when it is one of ours. */
    static Optional<PoolIdentity> poolOf(IPAddressClaim claim) {
        return claim.getSpec() == null
                ? Optional.empty()
                : PoolIdentity.referencedFrom(claim.getMetadata().getNamespace(), claim.getSpec().getPoolRef());
    }

    List<EventSource<?, IPAddressClaim>> prepare(EventSourceContext<IPAddressClaim> context) {
        claims = context.getPrimaryCache();
        claims.addIndexers(Map.of(
                BY_POOL, claim -> indexKeyOf(claim, true),
                BY_CLUSTER, ClaimEventSources::clusterKeyOf,
                TO_RECONCILE_AT_START_BY_POOL, claim -> indexKeyOf(claim, needsStartReconcile(claim)),
                TO_RECONCILE_AT_START_BY_CLUSTER, claim -> needsStartReconcile(claim) ? clusterKeyOf(claim) : List.of(),
                WAITING_FOR_ROOM, claim -> indexKeyOf(claim, ClaimStatus.isWaitingForRoom(claim)),
                WAITING_FOR_ITEM, claim -> indexKeyOf(claim, ClaimStatus.isWaitingForItem(claim)),
                UNSERVED_BY_NAMESPACE, claim -> claim.getStatus() == null || claim.getStatus().getAddressRef() == null
                        ? List.of(claim.getMetadata().getNamespace()) : List.of()));

        List<EventSource<?, IPAddressClaim>> sources = new ArrayList<>();
        sources.add(new IPAddressTriggers<IPAddressClaim>("ipaddresses", addresses, address -> {
            Set<ResourceID> triggered = new HashSet<>();
            triggered.add(new ResourceID(address.getMetadata().getName(), address.getMetadata().getNamespace()));
            PoolIdentity.namedBy(address).ifPresent(pool -> {
                triggered.addAll(ids(claims.byIndex(WAITING_FOR_ROOM, pool.indexKey())));
                triggered.addAll(ids(claims.byIndex(WAITING_FOR_ITEM, pool.indexKey())));
                // With --overlapping-pools=exclusive the address may be the one a pool sharing it waits for.
                overlaps.overlapsOf(pool).forEach(shared -> {
                    triggered.addAll(ids(claims.byIndex(WAITING_FOR_ROOM, shared.other().indexKey())));
                    triggered.addAll(ids(claims.byIndex(WAITING_FOR_ITEM, shared.other().indexKey())));
                });
            });
            return undeferred(triggered);
        }));
        sources.add(new NamespaceTriggers<IPAddressClaim>("namespaces", namespaces,
                namespace -> undeferred(ids(claims.byIndex(UNSERVED_BY_NAMESPACE, namespace)))));
        for (PoolKind kind : PoolKind.values()) {
            InformerEventSource<? extends HasMetadata, IPAddressClaim> source = poolSource(context, kind);
            pools.put(kind, source);
            sources.add(source);
        }
        clusters = new InformerEventSource<>(InformerEventSourceConfiguration.from(Cluster.class, IPAddressClaim.class)
                .withName("clusters")
                .withOnAddFilter(cluster -> passedOn(cluster, () -> claimsOf(cluster)))
                .withOnUpdateFilter((after, before) -> concernsClaims(after, before) && passedOn(after, () -> claimsOf(after)))
                .withOnDeleteFilter((cluster, finalStateUnknown) -> passedOn(cluster, () -> claimsOf(cluster)))
                .withSecondaryToPrimaryMapper(this::claimsOf)
                .build(), context);
        sources.add(clusters);
        servedClaimsCheck = new ServedClaimsCheck(this::cachesSynced, this::addsJudged, judgedBeforeLook::clear,
                () -> claims.list(claim -> ClaimReconciler.isOurs(claim) && !needsStartReconcile(claim)).toList(), consistent,
                this::servedButNotCurrent, deferredAtStart::remove);
        sources.add(servedClaimsCheck);
        return sources;
    }

    /** Whether every cache a claim's reconcile reads has listed everything once. */
    private boolean cachesSynced() {
        return addresses.isWatching() && namespaces.isWatching() && clusters.isRunning()
                && pools.values().stream().allMatch(InformerEventSource::isRunning);
    }

    /** Whether every claim, pool and Cluster the caches hold has had its add judged (see {@link #judgedBeforeLook}). */
    private boolean addsJudged() {
        return claims.list(ClaimReconciler::isOurs).allMatch(claim -> judgedBeforeLook.contains(judgedKey(claim)))
                && clusters.list().allMatch(cluster -> judgedBeforeLook.contains(judgedKey(cluster)))
                && pools.values().stream().allMatch(source -> source.list().allMatch(pool -> judgedBeforeLook.contains(judgedKey(pool))));
    }

    /**
     * The claims a pool's event reaches: before the check's look only those the start reconciles,
     * as the look sees the others with the pool in the cache. Free of side effects: the operator
     * also calls it to index every update, passed on or not.
     */
    private Set<ResourceID> claimsOf(PoolKind kind, HasMetadata pool) {
        return ids(claims.byIndex(servedClaimsCheck.begun() ? BY_POOL : TO_RECONCILE_AT_START_BY_POOL, PoolIdentity.of(kind, pool).indexKey()));
    }

    /** As {@link #claimsOf(PoolKind, HasMetadata)}, for a Cluster. */
    private Set<ResourceID> claimsOf(Cluster cluster) {
        return ids(claims.byIndex(servedClaimsCheck.begun() ? BY_CLUSTER : TO_RECONCILE_AT_START_BY_CLUSTER,
                cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName()));
    }

    /**
     * A pool's or Cluster's event that the operator passes on: recorded as judged when it comes
     * before the check's look (see {@link #judgedBeforeLook}), and the claims it reaches are not
     * deferred any more.
     */
    private boolean passedOn(HasMetadata poolOrCluster, Supplier<Set<ResourceID>> reached) {
        servedClaimsCheck.beforeLook(() -> judgedBeforeLook.add(judgedKey(poolOrCluster)));
        // The reached claims (all of the pool's once the look has begun) only matter while some are deferred.
        if (!deferredAtStart.isEmpty()) {
            undeferred(reached.get());
        }
        return true;
    }

    private static String judgedKey(HasMetadata object) {
        return object.getClass().getSimpleName() + "/" + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }

    Optional<HasMetadata> pool(PoolIdentity pool) {
        ResourceID id = pool.kind().isNamespaced() ? new ResourceID(pool.name(), pool.namespace()) : new ResourceID(pool.name());
        return pools.get(pool.kind()).get(id).map(HasMetadata.class::cast);
    }

    Optional<Cluster> cluster(String namespace, String name) {
        return clusters.get(new ResourceID(name, namespace));
    }

    boolean claimExists(String namespace, String name) {
        return claims.get(new ResourceID(name, namespace)).isPresent();
    }

    private <R extends HasMetadata> InformerEventSource<R, IPAddressClaim> poolSource(EventSourceContext<IPAddressClaim> context, PoolKind kind) {
        @SuppressWarnings("unchecked")
        Class<R> modelClass = (Class<R>) kind.modelClass();
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(modelClass, IPAddressClaim.class)
                .withName(kind.kind())
                .withOnAddFilter(pool -> passedOn(pool, () -> claimsOf(kind, pool)))
                .withOnUpdateFilter((after, before) -> concernsClaims(after, before) && passedOn(after, () -> claimsOf(kind, after)))
                .withOnDeleteFilter((pool, finalStateUnknown) -> passedOn(pool, () -> claimsOf(kind, pool)))
                .withSecondaryToPrimaryMapper(pool -> claimsOf(kind, pool))
                .build(), context);
    }

    /**
     * Whether a pool's or Cluster's update can change what its claims are given: its spec, its
     * annotations (the pause) or its deletion. Not its status, which the pool reconciler writes
     * after every change of the pool's usage: each such write would reconcile every claim of the
     * pool (and, on the first start on the upstream provider's claims, write each one's Ready
     * condition ahead of new claims).
     */
    static boolean concernsClaims(HasMetadata after, HasMetadata before) {
        return !Objects.equals(after.getMetadata().getGeneration(), before.getMetadata().getGeneration())
                || !Objects.equals(after.getMetadata().getAnnotations(), before.getMetadata().getAnnotations())
                || !Objects.equals(after.getMetadata().getDeletionTimestamp(), before.getMetadata().getDeletionTimestamp());
    }

    private static List<String> clusterKeyOf(IPAddressClaim claim) {
        return PauseCheck.clusterNameOf(claim).map(name -> List.of(claim.getMetadata().getNamespace() + "/" + name)).orElse(List.of());
    }

    private static List<String> indexKeyOf(IPAddressClaim claim, boolean indexed) {
        return indexed ? poolOf(claim).map(pool -> List.of(pool.indexKey())).orElse(List.of()) : List.of();
    }

    private static Set<ResourceID> ids(List<IPAddressClaim> claims) {
        return claims.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    }
}

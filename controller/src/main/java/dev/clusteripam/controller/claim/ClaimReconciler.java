package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.Cluster;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimStatus;
import dev.clusteripam.api.capi.IPAddressReference;
import dev.clusteripam.api.ipam.v1alpha2.IPPool;
import dev.clusteripam.controller.address.IPAddressCache;
import dev.clusteripam.controller.address.IPAddressTriggers;
import dev.clusteripam.controller.allocation.Assignment;
import dev.clusteripam.controller.allocation.Holder;
import dev.clusteripam.controller.allocation.PoolAllocations;
import dev.clusteripam.controller.allocation.ResolvedPool;
import dev.clusteripam.controller.events.EventRecorder;
import dev.clusteripam.controller.ledger.AllocationLedger;
import dev.clusteripam.controller.ledger.LedgerSweeper;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.controller.pool.PoolKey;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.core.pool.FieldError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Claims become IPAddresses (SPEC 2.1-2.8). Reads the claim, its pool, its Cluster and its
 * IPAddress from informer caches, asks the pool's holdings for an address and writes the result:
 * the IPAddress, then the claim's status with a {@code Ready} condition and an event.
 */
public final class ClaimReconciler implements Reconciler<IPAddressClaim>, Cleaner<IPAddressClaim> {

    public static final String RELEASE_ADDRESS_FINALIZER = "ipam.cluster.x-k8s.io/ReleaseAddress";

    private static final Logger LOG = LoggerFactory.getLogger(ClaimReconciler.class);

    /** The reason logged when a claim's address is given back. */
    private static final String RELEASED = "Released";

    /** How soon a claim looks again when only items in flight with other writers were left. */
    private static final Duration CONTENDED_RETRY = Duration.ofSeconds(1);

    /** Claims by the pool they name. */
    private static final String BY_POOL = "pool";
    /** Claims by the Cluster they belong to, as namespace/name. */
    private static final String BY_CLUSTER = "cluster";
    /** Claims waiting for room, by the pool they wait on: served as soon as an address is released. */
    private static final String WAITING_FOR_ROOM = "waitingForRoom";

    private final KubernetesClient client;
    private final PoolAllocations allocations;
    private final EventRecorder events;
    private final Clock clock;
    private final IPAddressCache addresses;
    private final AllocationLedger ledger;
    private final AddressRelease release;
    private final ProviderMetrics metrics;
    private final Map<PoolKind, InformerEventSource<? extends HasMetadata, IPAddressClaim>> pools = new EnumMap<>(PoolKind.class);
    private InformerEventSource<Cluster, IPAddressClaim> clusters;
    private IndexerResourceCache<IPAddressClaim> claims;

    public ClaimReconciler(KubernetesClient client, Clock clock, PoolAllocations allocations, IPAddressCache addresses,
            AllocationLedger ledger, ProviderMetrics metrics) {
        this.client = client;
        this.clock = clock;
        this.allocations = allocations;
        this.addresses = addresses;
        this.ledger = ledger;
        this.release = new AddressRelease(client, ledger);
        this.events = new EventRecorder(client);
        this.metrics = metrics;
        metrics.refusalReasons(ClaimConditions.REFUSAL_REASONS);
    }

    /**
     * IPAddresses we made whose claim is gone (someone removed the claim's finalizer by hand, or a
     * move left half the objects behind): found by {@link OrphanSweeper}, released here.
     */
    public OrphanSweeper orphanSweeper() {
        return new OrphanSweeper(addresses, (namespace, name) -> claims.get(new ResourceID(name, namespace)).isPresent(),
                (pool, address) -> {
                    release.release(pool, address);
                    metrics.orphanReleased(pool);
                    events.warning(address, "OrphanReleased", "the claim " + Holder.of(address) + " is gone; its address "
                            + address.getSpec().getAddress() + " is released");
                });
    }

    /** Ledger entries nobody holds any more: see {@link LedgerSweeper}. */
    public LedgerSweeper ledgerSweeper() {
        return new LedgerSweeper(ledger, addresses, (namespace, name) -> claims.get(new ResourceID(name, namespace)).isPresent());
    }

    /** Whether a claim is ours: its {@code poolRef} names one of our four kinds. Other claims are never touched. */
    public static boolean isOurs(IPAddressClaim claim) {
        return poolOf(claim).isPresent();
    }

    /**
     * Whether an update needs a reconcile: anything but our own status writes (spec, labels,
     * annotations such as the pause annotation, finalizers, deletion).
     */
    public static boolean isRelevantUpdate(IPAddressClaim after, IPAddressClaim before) {
        return isOurs(after) && (!Objects.equals(after.getMetadata().getGeneration(), before.getMetadata().getGeneration())
                || !Objects.equals(after.getMetadata().getAnnotations(), before.getMetadata().getAnnotations())
                || !Objects.equals(after.getMetadata().getLabels(), before.getMetadata().getLabels())
                || !Objects.equals(after.getMetadata().getFinalizers(), before.getMetadata().getFinalizers())
                || after.getMetadata().getDeletionTimestamp() != null);
    }

    private static Optional<PoolKey> poolOf(IPAddressClaim claim) {
        return claim.getSpec() == null
                ? Optional.empty()
                : PoolKey.referencedFrom(claim.getMetadata().getNamespace(), claim.getSpec().getPoolRef());
    }

    @Override
    public List<EventSource<?, IPAddressClaim>> prepareEventSources(EventSourceContext<IPAddressClaim> context) {
        claims = context.getPrimaryCache();
        claims.addIndexers(Map.of(
                BY_POOL, claim -> poolOf(claim).map(k -> List.of(k.indexKey())).orElse(List.of()),
                BY_CLUSTER, claim -> PauseCheck.clusterNameOf(claim)
                        .map(name -> List.of(claim.getMetadata().getNamespace() + "/" + name)).orElse(List.of()),
                WAITING_FOR_ROOM, claim -> ClaimConditions.isWaitingForRoom(claim)
                        ? poolOf(claim).map(k -> List.of(k.indexKey())).orElse(List.of()) : List.of()));

        List<EventSource<?, IPAddressClaim>> sources = new ArrayList<>();
        // An IPAddress concerns the claim it is named after, and, when it goes, the claims waiting for room in its pool.
        sources.add(new IPAddressTriggers<IPAddressClaim>("ipaddresses", addresses, address -> {
            Set<ResourceID> triggered = new HashSet<>();
            triggered.add(new ResourceID(address.getMetadata().getName(), address.getMetadata().getNamespace()));
            IPAddressCache.poolOf(address).ifPresent(pool -> triggered.addAll(ids(claims.byIndex(WAITING_FOR_ROOM, pool.indexKey()))));
            return triggered;
        }));
        for (PoolKind kind : PoolKind.values()) {
            InformerEventSource<? extends HasMetadata, IPAddressClaim> source = poolSource(context, kind, claims);
            pools.put(kind, source);
            sources.add(source);
        }
        clusters = new InformerEventSource<>(InformerEventSourceConfiguration.from(Cluster.class, IPAddressClaim.class)
                .withName("clusters")
                .withSecondaryToPrimaryMapper(cluster -> ids(claims.byIndex(BY_CLUSTER,
                        cluster.getMetadata().getNamespace() + "/" + cluster.getMetadata().getName())))
                .build(), context);
        sources.add(clusters);
        return sources;
    }

    private static <R extends HasMetadata> InformerEventSource<R, IPAddressClaim> poolSource(
            EventSourceContext<IPAddressClaim> context, PoolKind kind, IndexerResourceCache<IPAddressClaim> claims) {
        @SuppressWarnings("unchecked")
        Class<R> modelClass = (Class<R>) kind.modelClass();
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(modelClass, IPAddressClaim.class)
                .withName(kind.kind())
                .withSecondaryToPrimaryMapper(pool -> ids(claims.byIndex(BY_POOL, keyOf(kind, pool).indexKey())))
                .build(), context);
    }

    @Override
    public UpdateControl<IPAddressClaim> reconcile(IPAddressClaim claim, Context<IPAddressClaim> context) {
        PoolKey poolKey = poolOf(claim).orElseThrow();
        Optional<HasMetadata> pool = pool(poolKey);
        Optional<String> clusterName = PauseCheck.clusterNameOf(claim);
        Optional<Cluster> cluster = clusterName.flatMap(name -> clusters.get(new ResourceID(name, claim.getMetadata().getNamespace())));
        if (PauseCheck.isPaused(claim) || pool.map(PauseCheck::isPaused).orElse(false) || cluster.map(PauseCheck::isPaused).orElse(false)) {
            LOG.debug("paused: claim={}/{}", claim.getMetadata().getNamespace(), claim.getMetadata().getName());
            // Paused on purpose (a move, say): not a claim waiting for an address.
            metrics.claimPaused(Holder.of(claim));
            return UpdateControl.noUpdate();
        }
        if (claim.getStatus() == null || claim.getStatus().getAddressRef() == null) {
            metrics.claimPending(Holder.of(claim), createdAt(claim));
        }
        if (clusterName.isPresent() && cluster.isEmpty()) {
            return notReady(claim, ClaimConditions.ALLOCATION_FAILED,
                    "waiting for Cluster " + claim.getMetadata().getNamespace() + "/" + clusterName.get() + ", which does not exist");
        }
        if (pool.isEmpty() || pool.get().getMetadata().getDeletionTimestamp() != null) {
            allocations.forget(poolKey);
            return notReady(claim, ClaimConditions.POOL_NOT_READY,
                    poolKey + (pool.isEmpty() ? " does not exist" : " is being deleted"));
        }
        ResolvedPool resolved = allocations.resolve(poolKey, pool.get());
        if (!resolved.isUsable()) {
            return notReady(claim, ClaimConditions.POOL_NOT_READY, poolKey + " is invalid: "
                    + resolved.errors().stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        }

        Holder holder = Holder.of(claim);
        Optional<IPAddress> existing = addresses.get(holder.namespace(), holder.name());
        if (existing.isPresent()) {
            if (!IPAddresses.namesPool(existing.get(), poolKey)) {
                return notReady(claim, ClaimConditions.ALLOCATION_FAILED, "IPAddress " + holder
                        + " already exists and names another pool; it is left as it is");
            }
            resolved.hold(holder, existing.get().getSpec().getAddress(), existing.get().getSpec().getPrefix());
            return ready(claim, existing.get(), poolKey);
        }

        Commit commit = commitNextFree(resolved, poolKey, holder);
        Optional<Assignment> assignment = commit.assignment();
        if (assignment.isEmpty() && commit.contended()) {
            // Only items in flight with other writers are left: look again once they have landed or gone.
            return UpdateControl.<IPAddressClaim>noUpdate().rescheduleAfter(CONTENDED_RETRY);
        }
        if (assignment.isEmpty()) {
            return notReady(claim, ClaimConditions.POOL_EXHAUSTED, poolKey + " has no free address (" + resolved.usage().used() + " in use)");
        }
        IPAddress created;
        try {
            created = client.resource(IPAddresses.forClaim(claim, poolKey, pool.get(), assignment.get())).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return adoptExisting(claim, poolKey, resolved, assignment.get());
            }
            // Nothing was created: the address must not stay held by a claim that has none.
            ledger.giveBack(poolKey, assignment.get(), holder);
            resolved.drop(holder);
            throw e;
        }
        metrics.allocated(poolKey);
        withClaim(LOG.atInfo(), holder, poolKey, ClaimConditions.ALLOCATED)
                .log("allocated: claim={} pool={} address={}/{}", holder, poolKey, assignment.get().address(), assignment.get().prefix());
        return ready(claim, created, poolKey);
    }

    /**
     * The IPAddress was there before us: made by an earlier pass or another provider, and not yet in
     * our cache. The one that exists wins; our ledger entry for another item is given back.
     */
    private UpdateControl<IPAddressClaim> adoptExisting(IPAddressClaim claim, PoolKey poolKey, ResolvedPool resolved, Assignment ours) {
        Holder holder = Holder.of(claim);
        IPAddress existing = client.resources(IPAddress.class).inNamespace(holder.namespace()).withName(holder.name()).get();
        boolean sameItem = existing != null && IPAddresses.namesPool(existing, poolKey)
                && ours.address().equals(existing.getSpec().getAddress());
        if (!sameItem) {
            ledger.giveBack(poolKey, ours, holder);
            resolved.drop(holder);
        }
        if (existing == null) {
            // Deleted between our create and our read: the next pass starts over.
            return UpdateControl.<IPAddressClaim>noUpdate().rescheduleAfter(Duration.ofSeconds(1));
        }
        if (!IPAddresses.namesPool(existing, poolKey)) {
            return notReady(claim, ClaimConditions.ALLOCATION_FAILED, "IPAddress " + holder
                    + " already exists and names another pool; it is left as it is");
        }
        resolved.hold(holder, existing.getSpec().getAddress(), existing.getSpec().getPrefix());
        return ready(claim, existing, poolKey);
    }

    /** The item committed for a claim, and whether items were skipped because other writers hold them. */
    private record Commit(Optional<Assignment> assignment, boolean contended) {
    }

    /**
     * The lowest free item, committed to the ledger for {@code holder}. Items the ledger shows held
     * by others (committed by another writer but not yet in our cache, or still being released) are
     * skipped for this choice only: they are not ours to hand out now, nor lost for later.
     */
    private Commit commitNextFree(ResolvedPool resolved, PoolKey poolKey, Holder holder) {
        List<Assignment> skipped = new ArrayList<>();
        try {
            while (true) {
                Optional<Assignment> candidate = resolved.allocateFor(holder);
                if (candidate.isEmpty()) {
                    return new Commit(candidate, !skipped.isEmpty());
                }
                AllocationLedger.Outcome outcome = ledger.take(poolKey, candidate.get(), holder);
                if (outcome instanceof AllocationLedger.HeldBy held) {
                    LOG.debug("held by another writer: pool={} item={} holder={}", poolKey, candidate.get().address(), held.holder());
                    resolved.drop(holder);
                    resolved.setAside(candidate.get().address(), candidate.get().prefix());
                    skipped.add(candidate.get());
                    continue;
                }
                return new Commit(candidate, !skipped.isEmpty());
            }
        } finally {
            skipped.forEach(item -> resolved.putBack(item.address(), item.prefix()));
        }
    }

    /** Anything unexpected (the API server refusing a write, say) shows on the claim with its cause. */
    @Override
    public ErrorStatusUpdateControl<IPAddressClaim> updateErrorStatus(IPAddressClaim claim, Context<IPAddressClaim> context, Exception e) {
        String message = "allocation failed, retrying: " + e.getMessage();
        metrics.claimRefused(Holder.of(claim), createdAt(claim), ClaimConditions.ALLOCATION_FAILED,
                !ClaimConditions.isFalseFor(claim, ClaimConditions.ALLOCATION_FAILED));
        if (!ClaimConditions.setReady(claim, false, ClaimConditions.ALLOCATION_FAILED, message)) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        events.warning(claim, ClaimConditions.ALLOCATION_FAILED, message);
        return ErrorStatusUpdateControl.patchStatus(claim);
    }

    @Override
    public DeleteControl cleanup(IPAddressClaim claim, Context<IPAddressClaim> context) {
        PoolKey poolKey = poolOf(claim).orElseThrow();
        Holder holder = Holder.of(claim);
        Optional<HasMetadata> pool = pool(poolKey);
        Optional<Cluster> cluster = PauseCheck.clusterNameOf(claim)
                .flatMap(name -> clusters.get(new ResourceID(name, claim.getMetadata().getNamespace())));
        if (PauseCheck.isPaused(claim) || pool.map(PauseCheck::isPaused).orElse(false) || cluster.map(PauseCheck::isPaused).orElse(false)) {
            return DeleteControl.noFinalizerRemoval();
        }
        // Read from the server, not the cache: an IPAddress made a moment ago may not be cached yet, and
        // releasing the ledger entry of a live IPAddress would let its address be handed out again.
        Optional<IPAddress> address = Optional.ofNullable(client.resources(IPAddress.class)
                        .inNamespace(holder.namespace()).withName(holder.name()).get())
                .filter(a -> IPAddresses.namesPool(a, poolKey));
        Optional<Duration> graceLeft = address.isPresent() ? gracePeriodLeft(claim, pool) : Optional.empty();
        if (graceLeft.isPresent()) {
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(graceLeft.get());
        }
        if (address.isPresent()) {
            release.release(poolKey, address.get());
            metrics.released(poolKey);
        } else {
            // Committed but never made into an IPAddress (a failed create): the entry still goes.
            allocations.heldBy(poolKey, holder).ifPresent(item -> ledger.giveBack(poolKey, item, holder));
        }
        allocations.release(poolKey, holder);
        withClaim(LOG.atInfo(), holder, poolKey, RELEASED).log("released: claim={} pool={}", holder, poolKey);
        return DeleteControl.defaultDelete();
    }

    /** Time left of the pool's reuse grace period, counted from the claim's deletion; none when the pool is gone or going. */
    private Optional<Duration> gracePeriodLeft(IPAddressClaim claim, Optional<HasMetadata> pool) {
        if (pool.isEmpty() || pool.get().getMetadata().getDeletionTimestamp() != null || !(pool.get() instanceof IPPool ipPool)) {
            return Optional.empty();
        }
        Integer seconds = ipPool.getSpec() == null ? null : ipPool.getSpec().getAddressReuseGracePeriodSeconds();
        if (seconds == null || seconds <= 0) {
            return Optional.empty();
        }
        Instant until = Instant.parse(claim.getMetadata().getDeletionTimestamp()).plusSeconds(seconds);
        Duration left = Duration.between(clock.instant(), until);
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }


    private UpdateControl<IPAddressClaim> ready(IPAddressClaim claim, IPAddress address, PoolKey poolKey) {
        IPAddressClaimStatus status = claim.getStatus() == null ? new IPAddressClaimStatus() : claim.getStatus();
        claim.setStatus(status);
        boolean refChanged = status.getAddressRef() == null || !address.getMetadata().getName().equals(status.getAddressRef().getName());
        status.setAddressRef(new IPAddressReference(address.getMetadata().getName()));
        String message = "allocated " + address.getSpec().getAddress() + "/" + address.getSpec().getPrefix() + " from " + poolKey;
        boolean conditionChanged = ClaimConditions.setReady(claim, true, ClaimConditions.ALLOCATED, message);
        if (conditionChanged) {
            events.normal(claim, ClaimConditions.ALLOCATED, message);
        }
        if (refChanged) {
            metrics.claimServed(Holder.of(claim));
        }
        return refChanged || conditionChanged ? UpdateControl.patchStatus(claim) : UpdateControl.noUpdate();
    }

    private UpdateControl<IPAddressClaim> notReady(IPAddressClaim claim, String reason, String message) {
        Holder holder = Holder.of(claim);
        metrics.claimRefused(holder, createdAt(claim), reason, !ClaimConditions.isFalseFor(claim, reason));
        if (!ClaimConditions.setReady(claim, false, reason, message)) {
            return UpdateControl.noUpdate();
        }
        PoolKey pool = poolOf(claim).orElseThrow();
        withClaim(LOG.atInfo(), holder, pool, reason).log("not ready: claim={} pool={} reason={} message={}", holder, pool, reason, message);
        events.warning(claim, reason, message);
        return UpdateControl.patchStatus(claim);
    }

    /**
     * Puts the claim, its pool and the reason on a log event as key-value pairs, which the JSON log
     * format writes as fields of their own; the message keeps them too, for the text format.
     */
    private static LoggingEventBuilder withClaim(LoggingEventBuilder event, Holder claim, PoolKey pool, String reason) {
        return event.addKeyValue("claim", claim.toString()).addKeyValue("pool", pool.toString()).addKeyValue("reason", reason);
    }

    /** When the claim was made: what a wait is counted from; now, for a claim not yet stored (never the case here). */
    private Instant createdAt(IPAddressClaim claim) {
        String created = claim.getMetadata().getCreationTimestamp();
        return created == null ? clock.instant() : Instant.parse(created);
    }

    private Optional<HasMetadata> pool(PoolKey key) {
        ResourceID id = key.kind().isNamespaced() ? new ResourceID(key.name(), key.namespace()) : new ResourceID(key.name());
        return pools.get(key.kind()).get(id).map(HasMetadata.class::cast);
    }


    private static PoolKey keyOf(PoolKind kind, HasMetadata pool) {
        return new PoolKey(kind, kind.isNamespaced() ? pool.getMetadata().getNamespace() : "", pool.getMetadata().getName());
    }

    private static Set<ResourceID> ids(List<IPAddressClaim> claims) {
        return claims.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    }
}

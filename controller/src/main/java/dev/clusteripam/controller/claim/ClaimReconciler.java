package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.controller.address.IPAddressCache;
import dev.clusteripam.controller.allocation.CommittedPools;
import dev.clusteripam.controller.allocation.ResolvedPool;
import dev.clusteripam.controller.events.EventRecorder;
import dev.clusteripam.controller.ledger.Ledger;
import dev.clusteripam.controller.ledger.LedgerSweeper;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.controller.namespace.NamespaceLabels;
import dev.clusteripam.controller.namespace.PoolSelector;
import dev.clusteripam.controller.overlap.OverlappingPools;
import dev.clusteripam.controller.poolkind.PoolKindAdapter;
import dev.clusteripam.controller.status.ClaimStatus;
import dev.clusteripam.core.pool.FieldError;
import dev.clusteripam.core.selector.NamespaceSelector;
import dev.clusteripam.core.text.Excerpt;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.Cloner;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Claims become IPAddresses (SPEC 2.1-2.8). Each reconcile observes the claim ({@link
 * ClaimObserver}), decides from what it saw, and writes: the IPAddress ({@link ClaimAllocation}) and
 * the claim's status ({@link ClaimStatus}). Each cleanup observes and releases ({@link ClaimRelease}).
 */
public final class ClaimReconciler implements Reconciler<IPAddressClaim>, Cleaner<IPAddressClaim> {

    public static final String RELEASE_ADDRESS_FINALIZER = "ipam.cluster.x-k8s.io/ReleaseAddress";

    private final CommittedPools pools;
    private final IPAddressCache addresses;
    private final Ledger ledger;
    private final ClaimEventSources sources;
    private final ClaimObserver observer;
    private final ClaimStatus status;
    private final ClaimAllocation allocation;
    private final ClaimRelease release;
    /** Claims whose deferred add at the start is being reconciled, each with the cached object handed to it uncopied. */
    private final Map<ResourceID, IPAddressClaim> handedUncopied = new ConcurrentHashMap<>();

    /** @param overlaps the pools that share addresses: a release in one may make room in the others (exclusive mode) */
    public ClaimReconciler(KubernetesClient client, Clock clock, CommittedPools pools, IPAddressCache addresses,
            NamespaceLabels namespaces, OverlappingPools overlaps, Ledger ledger, ProviderMetrics metrics) {
        this.pools = pools;
        this.addresses = addresses;
        this.ledger = ledger;
        this.sources = new ClaimEventSources(addresses, namespaces, overlaps, this::stillServedCheck);
        this.observer = new ClaimObserver(client, addresses, sources, namespaces);
        EventRecorder events = new EventRecorder(client, clock);
        this.status = new ClaimStatus(clock, events, metrics);
        this.allocation = new ClaimAllocation(client, status);
        this.release = new ClaimRelease(client, clock, pools, status, events, metrics);
    }

    /** Whether a claim is ours: its {@code poolRef} names one of our four kinds. Other claims are never touched. */
    public static boolean isOurs(IPAddressClaim claim) {
        return ClaimEventSources.poolOf(claim).isPresent();
    }

    /**
     * Whether an added claim needs a reconcile: every one of ours; at the start, those served are
     * reconciled at no cost, as {@link ServedClaimsCheck} looks at them instead.
     */
    public boolean acceptsAdded(IPAddressClaim claim) {
        return sources.acceptsAdded(claim);
    }

    /** {@link #isRelevantUpdate}, which also ends a claim's deferral at the start (see {@link #acceptsAdded}). */
    public boolean acceptsUpdate(IPAddressClaim after, IPAddressClaim before) {
        if (!isRelevantUpdate(after, before)) {
            return false;
        }
        sources.undeferred(new HashSet<>(Set.of(ResourceID.fromResource(after))));
        return true;
    }

    /**
     * Whether a served claim would keep its address as it is through a reconcile: nothing
     * pauses it, its Cluster (when it names one) and its pool exist, the pool is usable, and the
     * IPAddress of its name holds an address of the pool, owned as the provider makes it. For one
     * pass over many claims: each pool version is resolved once.
     */
    private Predicate<IPAddressClaim> stillServedCheck() {
        Map<String, Boolean> usableByPoolVersion = new HashMap<>();
        return claim -> {
            ClaimObservation seen = observer.fromCaches(claim);
            if (seen.paused() || seen.clusterMissing() || seen.livePool().isEmpty() || seen.addressOfPool().isEmpty()
                    || !claim.getStatus().getAddressRef().getName().equals(seen.addressOfPool().get().getMetadata().getName())
                    || !IPAddresses.isOwnedAsMade(seen.addressOfPool().get(), claim, seen.pool(), seen.livePool().get())) {
                return false;
            }
            HasMetadata pool = seen.livePool().get();
            return usableByPoolVersion.computeIfAbsent(seen.pool().indexKey() + "@" + pool.getMetadata().getResourceVersion(),
                    version -> pools.resolve(seen.pool(), pool, PoolKindAdapter.of(seen.pool().kind()).items(pool)).usable().isPresent());
        };
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

    /** IPAddresses we made whose claim is gone (a finalizer removed by hand, half a move): found by the sweeper, released here. */
    public OrphanSweeper orphanSweeper() {
        return new OrphanSweeper(addresses, sources::claimExists, release::releaseOrphan);
    }

    /** Ledger entries nobody holds any more: see {@link LedgerSweeper}. */
    public LedgerSweeper ledgerSweeper() {
        return new LedgerSweeper(ledger, addresses, sources::claimExists, pools::forgetEntry);
    }

    @Override
    public List<EventSource<?, IPAddressClaim>> prepareEventSources(EventSourceContext<IPAddressClaim> context) {
        return sources.prepare(context);
    }

    /**
     * The operator's copy of a resource before its reconcile, made by {@code copying} (a JSON round
     * trip) but for a claim whose reconcile is its deferred add at the start (see {@link
     * #acceptsAdded}): that reconcile returns at once without reading or changing the claim, so it is
     * handed the cached object itself. A restart with 50,000 served claims made 50,000 copies for
     * nothing, ahead of the new claims.
     */
    public Cloner copyingAllButDeferredClaims(Cloner copying) {
        return new Cloner() {
            @Override
            public <R extends HasMetadata> R clone(R resource) {
                if (resource instanceof IPAddressClaim claim && sources.deferredAtStart(claim)) {
                    handedUncopied.put(ResourceID.fromResource(claim), claim);
                    return resource;
                }
                return copying.clone(resource);
            }
        };
    }

    @Override
    public UpdateControl<IPAddressClaim> reconcile(IPAddressClaim claim, Context<IPAddressClaim> context) {
        // The very object the copier let through: the decision to defer was taken there, once (see copyingAllButDeferredClaims).
        if (handedUncopied.remove(ResourceID.fromResource(claim)) == claim) {
            // Served when the provider started: ServedClaimsCheck looks at it without holding up new claims.
            return UpdateControl.noUpdate();
        }
        ClaimObservation seen = observer.fromCaches(claim);
        if (seen.paused()) {
            return status.paused(claim);
        }
        status.observed(claim);
        if (seen.clusterMissing()) {
            return status.notReady(claim, seen.pool(), ClaimStatus.ALLOCATION_FAILED, "waiting for Cluster "
                    + claim.getMetadata().getNamespace() + "/" + seen.clusterName().orElseThrow() + ", which does not exist");
        }
        Optional<HasMetadata> pool = seen.livePool();
        if (pool.isEmpty() && seen.poolObject().isPresent() && seen.addressOfPool().isPresent()) {
            // The pool is being deleted (a move, say): a claim that holds an address keeps it, and stays Ready.
            return status.ready(claim, seen.addressOfPool().get(), seen.pool());
        }
        if (pool.isEmpty()) {
            pools.forget(seen.pool());
            return status.notReady(claim, seen.pool(), ClaimStatus.POOL_NOT_READY,
                    seen.pool() + (seen.poolObject().isEmpty() ? " does not exist" : " is being deleted"));
        }
        ResolvedPool resolved = pools.resolve(seen.pool(), pool.get(), PoolKindAdapter.of(seen.pool().kind()).items(pool.get()));
        if (resolved.usable().isEmpty()) {
            return status.notReady(claim, seen.pool(), ClaimStatus.POOL_NOT_READY, seen.pool() + " is invalid: "
                    + resolved.errors().stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        }
        Optional<String> outside = outsideSelector(seen, pool.get());
        if (outside.isPresent()) {
            return status.refusedByNamespace(claim, seen.pool(), outside.get());
        }
        return allocation.serve(seen, resolved.usable().get());
    }

    /**
     * Why the pool does not serve the claim's namespace, when it does not: its namespace selector
     * (valid here, as the pool is) does not select the namespace's labels. A claim that already
     * holds an address of the pool keeps it, whatever the selector says now.
     */
    private static Optional<String> outsideSelector(ClaimObservation seen, HasMetadata pool) {
        NamespaceSelector selector = PoolSelector.of(pool).orElseThrow();
        if (selector.matchesEveryNamespace() || seen.addressOfPool().isPresent()) {
            return Optional.empty();
        }
        String namespace = seen.claim().getMetadata().getNamespace();
        if (seen.namespaceLabels().isEmpty()) {
            // Judging an unknown namespace as unlabelled could let NotIn or DoesNotExist admit it wrongly.
            return Optional.of(seen.pool() + " serves only namespaces its spec.namespaceSelector selects, and namespace \""
                    + namespace + "\" is not known to the provider yet");
        }
        if (selector.matches(seen.namespaceLabels().get())) {
            return Optional.empty();
        }
        return Optional.of(seen.pool() + " does not serve namespace \"" + namespace + "\": its spec.namespaceSelector ("
                + Excerpt.of(selector.toString()) + ") does not select the namespace's labels");
    }

    @Override
    public ErrorStatusUpdateControl<IPAddressClaim> updateErrorStatus(IPAddressClaim claim, Context<IPAddressClaim> context, Exception e) {
        return status.failed(claim, e);
    }

    @Override
    public DeleteControl cleanup(IPAddressClaim claim, Context<IPAddressClaim> context) {
        ClaimObservation seen = observer.forRelease(claim);
        if (seen.paused() && seen.addressOfPool().isPresent()) {
            // Paused on purpose: its address is released once the pause ends. A claim without one has nothing to wait for.
            return DeleteControl.noFinalizerRemoval();
        }
        return release.release(seen);
    }
}

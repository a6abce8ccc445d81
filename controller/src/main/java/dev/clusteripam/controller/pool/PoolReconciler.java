package dev.clusteripam.controller.pool;

import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.controller.address.IPAddressCache;
import dev.clusteripam.controller.address.IPAddressTriggers;
import dev.clusteripam.controller.allocation.CommittedPools;
import dev.clusteripam.controller.allocation.ResolvedPool;
import dev.clusteripam.controller.ledger.Ledger;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.controller.overlap.OverlapTriggers;
import dev.clusteripam.controller.overlap.OverlappingPools;
import dev.clusteripam.controller.poolkind.PoolKindAdapter;
import dev.clusteripam.controller.poolkind.PoolKindAdapter.Overlapping;
import dev.clusteripam.controller.poolkind.PoolKindAdapter.PoolStatus;
import dev.clusteripam.controller.status.ReadyCondition;
import dev.clusteripam.core.overlap.Overlap;
import dev.clusteripam.core.pool.FieldError;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.controller.allocation.PoolItems;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A pool's status and lifetime (SPEC 2.9): {@code status.ipAddresses} counts kept current as
 * addresses come and go and as the spec changes, a {@code Ready} condition that says why a pool
 * cannot serve, an {@code Overlapping} condition that names the other pools it shares addresses
 * with (recomputed when any of them changes), and the {@code ProtectPool} finalizer that holds the
 * pool while any IPAddress names it. One concrete subclass per pool kind: the Java Operator SDK
 * reads the primary type from the class's generic superclass.
 */
public abstract class PoolReconciler<P extends HasMetadata> implements Reconciler<P>, Cleaner<P> {

    public static final String PROTECT_POOL_FINALIZER = "ipam.cluster.x-k8s.io/ProtectPool";

    static final String INVALID_SPEC = "InvalidSpec";
    static final String EXHAUSTED = "PoolExhausted";

    private final PoolKind kind;
    private final PoolKindAdapter adapter;
    private final CommittedPools pools;
    private final IPAddressCache addresses;
    private final OverlappingPools overlaps;
    private final Ledger ledger;
    private final ProviderMetrics metrics;
    private final ReadyCondition readyCondition;

    PoolReconciler(PoolKind kind, Dependencies dependencies) {
        this.kind = kind;
        this.adapter = PoolKindAdapter.of(kind);
        this.pools = dependencies.pools();
        this.addresses = dependencies.addresses();
        this.overlaps = dependencies.overlaps();
        this.ledger = dependencies.ledger();
        this.metrics = dependencies.metrics();
        this.readyCondition = new ReadyCondition(dependencies.clock());
    }

    /** What every pool reconciler works with. */
    public record Dependencies(CommittedPools pools, IPAddressCache addresses, OverlappingPools overlaps, Ledger ledger, ProviderMetrics metrics,
            Clock clock) {
    }

    @Override
    public List<EventSource<?, P>> prepareEventSources(EventSourceContext<P> context) {
        return List.of(new IPAddressTriggers<P>("ipaddresses", addresses, address -> PoolIdentity.namedBy(address)
                .filter(pool -> pool.kind() == kind)
                .map(pool -> Set.of(kind.isNamespaced() ? new ResourceID(pool.name(), pool.namespace()) : new ResourceID(pool.name())))
                .orElse(Set.of())),
                new OverlapTriggers<P>(overlaps, kind));
    }

    @Override
    public UpdateControl<P> reconcile(P pool, Context<P> context) {
        PoolIdentity identity = PoolIdentity.of(kind, pool);
        Validation<? extends PoolItems<?>> items = adapter.items(pool);
        ResolvedPool resolved = pools.resolve(identity, pool, items);
        List<Overlap<PoolIdentity>> shared = overlaps.overlapsOf(identity);
        Overlapping overlapping = Overlapping.of(shared);
        PoolStatus status;
        if (resolved.usable().isPresent()) {
            PoolUsage usage = resolved.usable().get().usage();
            boolean ready = usage.free() > 0;
            // What admission warned about stays visible on the pool, for pools admitted without the webhook too.
            String warnings = items.warnings().isEmpty() ? "" : "; warnings: " + String.join("; ", items.warnings());
            status = new PoolStatus(usage, ready, ready ? "Available" : EXHAUSTED, usage.free() + " of " + usage.total() + " free" + warnings,
                    overlapping);
        } else {
            // An invalid pool hands nothing out; what names it still counts, all of it out of range.
            long named = addresses.ofPool(identity).size();
            status = new PoolStatus(new PoolUsage(0, named, named, 0), false, INVALID_SPEC,
                    resolved.errors().stream().map(FieldError::toString).collect(Collectors.joining("; ")), overlapping);
        }
        metrics.poolUsage(identity, status.usage());
        metrics.poolOverlaps(identity, shared.size());
        return adapter.writeStatus(pool, status, readyCondition) ? UpdateControl.patchStatus(pool) : UpdateControl.noUpdate();
    }

    @Override
    public DeleteControl cleanup(P pool, Context<P> context) {
        PoolIdentity key = PoolIdentity.of(kind, pool);
        if (!addresses.ofPool(key).isEmpty()) {
            // Released addresses trigger this again; the last one lets the pool go.
            return DeleteControl.noFinalizerRemoval();
        }
        pools.forget(key);
        ledger.forget(key);
        metrics.poolDeleted(key);
        return DeleteControl.defaultDelete();
    }

    /** One reconciler per kind; they differ only in the primary type the SDK watches. */
    public static List<PoolReconciler<?>> forEveryKind(Dependencies dependencies) {
        return List.of(
                new InClusterIPPools(dependencies),
                new GlobalInClusterIPPools(dependencies),
                new InClusterPrefixPools(dependencies),
                new GlobalInClusterPrefixPools(dependencies));
    }

    public PoolKind kind() {
        return kind;
    }

    static final class InClusterIPPools extends PoolReconciler<InClusterIPPool> {
        InClusterIPPools(Dependencies dependencies) {
            super(PoolKind.IN_CLUSTER_IP_POOL, dependencies);
        }
    }

    static final class GlobalInClusterIPPools extends PoolReconciler<GlobalInClusterIPPool> {
        GlobalInClusterIPPools(Dependencies dependencies) {
            super(PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, dependencies);
        }
    }

    static final class InClusterPrefixPools extends PoolReconciler<InClusterPrefixPool> {
        InClusterPrefixPools(Dependencies dependencies) {
            super(PoolKind.IN_CLUSTER_PREFIX_POOL, dependencies);
        }
    }

    static final class GlobalInClusterPrefixPools extends PoolReconciler<GlobalInClusterPrefixPool> {
        GlobalInClusterPrefixPools(Dependencies dependencies) {
            super(PoolKind.GLOBAL_IN_CLUSTER_PREFIX_POOL, dependencies);
        }
    }
}

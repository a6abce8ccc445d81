package dev.clusteripam.controller.pool;

import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.IPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolStatus;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolStatus;
import dev.clusteripam.api.ipam.v1alpha2.PrefixCounts;
import dev.clusteripam.api.ipam.v1alpha2.PrefixPool;
import dev.clusteripam.controller.address.IPAddressCache;
import dev.clusteripam.controller.address.IPAddressTriggers;
import dev.clusteripam.controller.allocation.PoolAllocations;
import dev.clusteripam.controller.allocation.ResolvedPool;
import dev.clusteripam.controller.ledger.AllocationLedger;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.controller.status.ReadyCondition;
import dev.clusteripam.core.pool.FieldError;
import dev.clusteripam.core.pool.PoolUsage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A pool's status and lifetime (SPEC 2.9): {@code status.ipAddresses} counts kept current as
 * addresses come and go and as the spec changes, a {@code Ready} condition that says why a pool
 * cannot serve, and the {@code ProtectPool} finalizer that holds the pool while any IPAddress
 * names it. One concrete subclass per pool kind: the Java Operator SDK reads the primary type from
 * the class's generic superclass.
 */
public abstract class PoolReconciler<P extends HasMetadata> implements Reconciler<P>, Cleaner<P> {

    public static final String PROTECT_POOL_FINALIZER = "ipam.cluster.x-k8s.io/ProtectPool";

    static final String READY = "Ready";
    static final String INVALID_SPEC = "InvalidSpec";
    static final String EXHAUSTED = "PoolExhausted";

    private final PoolKind kind;
    private final PoolAllocations allocations;
    private final IPAddressCache addresses;
    private final AllocationLedger ledger;
    private final ProviderMetrics metrics;

    PoolReconciler(PoolKind kind, Dependencies dependencies) {
        this.kind = kind;
        this.allocations = dependencies.allocations();
        this.addresses = dependencies.addresses();
        this.ledger = dependencies.ledger();
        this.metrics = dependencies.metrics();
    }

    /** What every pool reconciler works with. */
    public record Dependencies(PoolAllocations allocations, IPAddressCache addresses, AllocationLedger ledger, ProviderMetrics metrics) {
    }

    @Override
    public List<EventSource<?, P>> prepareEventSources(EventSourceContext<P> context) {
        return List.of(new IPAddressTriggers<P>("ipaddresses", addresses, address -> IPAddressCache.poolOf(address)
                .filter(pool -> pool.kind() == kind)
                .map(pool -> Set.of(kind.isNamespaced() ? new ResourceID(pool.name(), pool.namespace()) : new ResourceID(pool.name())))
                .orElse(Set.of())));
    }

    @Override
    public UpdateControl<P> reconcile(P pool, Context<P> context) {
        PoolKey key = keyOf(pool);
        ResolvedPool resolved = allocations.resolve(key, pool);
        PoolUsage usage;
        boolean ready;
        String reason;
        String message;
        if (resolved.isUsable()) {
            usage = resolved.usage();
            ready = usage.free() > 0;
            reason = ready ? "Available" : EXHAUSTED;
            message = usage.free() + " of " + usage.total() + " free";
        } else {
            // An invalid pool hands nothing out; what names it still counts, all of it out of range.
            long named = addresses.ofPool(key).size();
            usage = new PoolUsage(0, named, named, 0);
            ready = false;
            reason = INVALID_SPEC;
            message = resolved.errors().stream().map(FieldError::toString).collect(Collectors.joining("; "));
        }
        metrics.poolUsage(key, usage);
        return writeStatus(pool, usage, ready, reason, message) ? UpdateControl.patchStatus(pool) : UpdateControl.noUpdate();
    }

    @Override
    public DeleteControl cleanup(P pool, Context<P> context) {
        PoolKey key = keyOf(pool);
        if (!addresses.ofPool(key).isEmpty()) {
            // Released addresses trigger this again; the last one lets the pool go.
            return DeleteControl.noFinalizerRemoval();
        }
        allocations.forget(key);
        ledger.forget(key);
        metrics.poolDeleted(key);
        return DeleteControl.defaultDelete();
    }

    /** Puts the counts and the condition on the pool's status; whether anything changed. */
    private static boolean writeStatus(HasMetadata pool, PoolUsage usage, boolean ready, String reason, String message) {
        Long generation = pool.getMetadata().getGeneration();
        if (pool instanceof IPPool ipPool) {
            InClusterIPPoolStatus status = Objects.requireNonNullElseGet(ipPool.getStatus(), InClusterIPPoolStatus::new);
            ipPool.setStatus(status);
            IPAddressCounts counts = new IPAddressCounts(usage.total(), usage.free(), usage.used(), usage.outOfRange());
            boolean countsChanged = !counts.equals(status.getIpAddresses());
            status.setIpAddresses(counts);
            return setConditions(status.getConditions(), status::setConditions, ready, reason, message, generation) || countsChanged;
        }
        PrefixPool prefixPool = (PrefixPool) pool;
        InClusterPrefixPoolStatus status = Objects.requireNonNullElseGet(prefixPool.getStatus(), InClusterPrefixPoolStatus::new);
        prefixPool.setStatus(status);
        PrefixCounts counts = new PrefixCounts(usage.total(), usage.free(), usage.used(), usage.outOfRange());
        boolean countsChanged = !counts.equals(status.getIpAddresses());
        status.setIpAddresses(counts);
        return setConditions(status.getConditions(), status::setConditions, ready, reason, message, generation) || countsChanged;
    }

    private static boolean setConditions(List<Condition> current, java.util.function.Consumer<List<Condition>> setter,
            boolean ready, String reason, String message, Long generation) {
        return ReadyCondition.with(current, ready, reason, message, generation).map(updated -> {
            setter.accept(updated);
            return true;
        }).orElse(false);
    }

    private PoolKey keyOf(HasMetadata pool) {
        return new PoolKey(kind, kind.isNamespaced() ? pool.getMetadata().getNamespace() : "", pool.getMetadata().getName());
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

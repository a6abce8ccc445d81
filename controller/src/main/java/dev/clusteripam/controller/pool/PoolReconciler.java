package dev.clusteripam.controller.pool;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.controller.address.IPAddressCache;
import dev.clusteripam.controller.address.IPAddressTriggers;
import dev.clusteripam.controller.allocation.CommittedPools;
import dev.clusteripam.controller.allocation.PoolItems;
import dev.clusteripam.controller.allocation.ResolvedPool;
import dev.clusteripam.controller.allocation.SubnetUsage;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.ledger.Ledger;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.controller.namespace.NamespaceLabels;
import dev.clusteripam.controller.namespace.NamespaceTriggers;
import dev.clusteripam.controller.namespace.PoolSelector;
import dev.clusteripam.controller.overlap.OverlapTriggers;
import dev.clusteripam.controller.overlap.OverlappingPools;
import dev.clusteripam.controller.poolkind.PoolKindAdapter.HeldOutsideSelector;
import dev.clusteripam.controller.poolkind.PoolKindAdapter.Overlapping;
import dev.clusteripam.controller.poolkind.PoolKindAdapter.PoolStatus;
import dev.clusteripam.controller.poolkind.PoolKindAdapter;
import dev.clusteripam.controller.status.ReadyCondition;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.overlap.Overlap;
import dev.clusteripam.core.pool.FieldError;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.core.selector.NamespaceSelector;
import dev.clusteripam.core.text.Excerpt;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
    /** How many namespaces the HeldOutsideSelector condition names; it counts the rest. */
    static final int NAMESPACES_NAMED = 5;
    /** How many other pools' IPAddresses the Overlapping condition names per address held twice; it counts the rest. */
    static final int OTHERS_NAMED = 2;

    private final PoolKind kind;
    private final PoolKindAdapter adapter;
    private final CommittedPools pools;
    private final IPAddressCache addresses;
    private final OverlappingPools overlaps;
    private final Ledger ledger;
    private final ProviderMetrics metrics;
    private final ReadyCondition readyCondition;
    private final NamespaceLabels namespaces;

    PoolReconciler(PoolKind kind, Dependencies dependencies) {
        this.kind = kind;
        this.adapter = PoolKindAdapter.of(kind);
        this.pools = dependencies.pools();
        this.addresses = dependencies.addresses();
        this.overlaps = dependencies.overlaps();
        this.ledger = dependencies.ledger();
        this.metrics = dependencies.metrics();
        this.readyCondition = new ReadyCondition(dependencies.clock());
        this.namespaces = dependencies.namespaces();
    }

    /** What every pool reconciler works with. */
    public record Dependencies(CommittedPools pools, IPAddressCache addresses, NamespaceLabels namespaces,
            OverlappingPools overlaps, Ledger ledger, ProviderMetrics metrics, Clock clock) {
    }

    @Override
    public List<EventSource<?, P>> prepareEventSources(EventSourceContext<P> context) {
        List<EventSource<?, P>> sources = new ArrayList<>();
        // Its own pool, and the pools of the IPAddresses that hold the same address: their Overlapping condition names it.
        sources.add(new IPAddressTriggers<P>("ipaddresses", addresses, address -> Stream.concat(Stream.of(address),
                        IPAddressCache.addressOf(address).stream().flatMap(held -> addresses.at(held).stream()))
                .flatMap(holder -> PoolIdentity.namedBy(holder).stream())
                .filter(pool -> pool.kind() == kind)
                .map(pool -> kind.isNamespaced() ? new ResourceID(pool.name(), pool.namespace()) : new ResourceID(pool.name()))
                .collect(Collectors.toSet())));
        sources.add(new OverlapTriggers<P>(overlaps, kind));
        if (!kind.isNamespaced()) {
            // A namespace's labels decide which of a global pool's addresses are held outside its selector.
            IndexerResourceCache<P> globalPools = context.getPrimaryCache();
            sources.add(new NamespaceTriggers<P>("namespaces", namespaces, namespace -> globalPools.list()
                    .map(ResourceID::fromResource).collect(Collectors.toSet())));
        }
        return sources;
    }

    @Override
    public UpdateControl<P> reconcile(P pool, Context<P> context) {
        PoolIdentity identity = PoolIdentity.of(kind, pool);
        Validation<? extends PoolItems<?>> items = adapter.items(pool);
        ResolvedPool resolved = pools.resolve(identity, pool, items);
        List<Overlap<PoolIdentity>> shared = overlaps.overlapsOf(identity);
        Overlapping overlapping = Overlapping.of(shared, heldTwice(identity, shared));
        PoolStatus status;
        if (resolved.usable().isPresent()) {
            PoolUsage usage = resolved.usable().get().usage();
            List<SubnetUsage> subnets = resolved.usable().get().subnetUsages();
            boolean ready = usage.free() > 0;
            // What admission warned about stays visible on the pool, for pools admitted without the webhook too.
            String warnings = items.warnings().isEmpty() ? "" : "; warnings: " + String.join("; ", items.warnings());
            status = new PoolStatus(usage, subnets.size() > 1 ? subnets : List.of(), ready, ready ? "Available" : EXHAUSTED, usage.free() + " of " + usage.total() + " free" + warnings,
                    heldOutsideSelector(identity, pool), overlapping);
        } else {
            // An invalid pool hands nothing out; what names it still counts, all of it out of range.
            long named = addresses.ofPool(identity).size();
            status = new PoolStatus(new PoolUsage(0, named, named, 0), List.of(), false, INVALID_SPEC,
                    resolved.errors().stream().map(FieldError::toString).collect(Collectors.joining("; ")), Optional.empty(),
                    overlapping);
        }
        metrics.poolUsage(identity, status.usage());
        metrics.poolOverlaps(identity, shared.size());
        return adapter.writeStatus(pool, status, readyCondition) ? UpdateControl.patchStatus(pool) : UpdateControl.noUpdate();
    }

    /**
     * For a global pool with a namespace selector: its IPAddresses whose namespace the selector does
     * not select (handed out before the selector or the namespace's labels changed), which keep their
     * addresses. A namespace the cache does not know (being deleted, say) is not counted.
     */
    private Optional<HeldOutsideSelector> heldOutsideSelector(PoolIdentity identity, P pool) {
        NamespaceSelector selector = PoolSelector.of(pool).orElseThrow();
        if (selector.matchesEveryNamespace()) {
            metrics.heldOutsideSelector(identity, 0);
            return Optional.empty();
        }
        Map<String, Long> byNamespace = new TreeMap<>(addresses.ofPool(identity).stream()
                .map(address -> address.getMetadata().getNamespace())
                .filter(namespace -> namespaces.of(namespace).map(labels -> !selector.matches(labels)).orElse(false))
                .collect(Collectors.groupingBy(namespace -> namespace, Collectors.counting())));
        long held = byNamespace.values().stream().mapToLong(Long::longValue).sum();
        metrics.heldOutsideSelector(identity, held);
        if (held == 0) {
            return Optional.of(new HeldOutsideSelector(0, "every IPAddress of the pool belongs to a namespace"
                    + " spec.namespaceSelector selects"));
        }
        String namespacesNamed = byNamespace.entrySet().stream().limit(NAMESPACES_NAMED)
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")").collect(Collectors.joining(", "));
        String more = byNamespace.size() > NAMESPACES_NAMED ? " and " + (byNamespace.size() - NAMESPACES_NAMED) + " more" : "";
        return Optional.of(new HeldOutsideSelector(held, held + " IPAddresses are held by claims of namespaces"
                + " spec.namespaceSelector does not select; they keep their addresses: " + namespacesNamed + more));
    }

    /**
     * The pool's addresses an IPAddress of another IP pool holds too, in address order, each with
     * those IPAddresses, as the Overlapping condition names them: handed out by both before
     * {@code --overlapping-pools=exclusive} (which hands out neither again), and left as they are.
     * One index look-up per IPAddress of the pool, and only for a pool that shares addresses.
     */
    private List<String> heldTwice(PoolIdentity identity, List<Overlap<PoolIdentity>> shared) {
        if (shared.isEmpty() || kind.handsOutPrefixes()) {
            return List.of();
        }
        Map<IpAddress, List<String>> othersByAddress = new TreeMap<>();
        for (IPAddress mine : addresses.ofPool(identity)) {
            IPAddressCache.addressOf(mine).ifPresent(address -> addresses.at(address).forEach(other -> PoolIdentity.namedBy(other)
                    .filter(pool -> !pool.equals(identity) && !pool.kind().handsOutPrefixes())
                    .ifPresent(pool -> othersByAddress.computeIfAbsent(address, key -> new ArrayList<>())
                            .add(Holder.of(other) + " of " + pool.indexKey()))));
        }
        return othersByAddress.entrySet().stream()
                .map(held -> held.getKey() + " (" + Excerpt.list(held.getValue().stream().sorted().distinct().toList(), OTHERS_NAMED) + ")")
                .toList();
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

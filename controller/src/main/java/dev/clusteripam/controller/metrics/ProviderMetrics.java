package dev.clusteripam.controller.metrics;

import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.core.pool.PoolUsage;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.function.IntSupplier;

/**
 * The provider's own metrics, on a Micrometer registry the entry point chooses (Prometheus for
 * {@code run}). The reconcilers report what they decide; the names and labels are those of
 * docs/metrics.md. Meter names are dotted; the Prometheus registry writes them with underscores
 * and the usual suffixes ({@code capi.ipam.allocations} becomes {@code capi_ipam_allocations_total}).
 */
public final class ProviderMetrics {

    static final String ALLOCATION_DURATION = "capi.ipam.allocation.duration";
    static final String ALLOCATION_FAILURES = "capi.ipam.allocation.failures";
    static final String ORPHANS_RELEASED = "capi.ipam.orphans.released";
    static final String ORPHAN_SUSPECTS = "capi.ipam.orphans.suspected";
    static final String UNDECODABLE_OBJECTS = "capi.ipam.undecodable.objects";
    static final String POOLS_OVERLAPPING = "capi.ipam.pools.overlapping";

    /**
     * Histogram buckets of the allocation latency: from a claim answered from the cache in
     * milliseconds to one that waited minutes for room, which the 5-minute alert is about.
     */
    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15)};

    private final MeterRegistry registry;
    private final PoolMeters pools;
    private final ClaimWaits waits;
    private final ReconcileMetrics reconciles;
    private final Timer allocationLatency;
    private final Counter orphansReleased;

    private ProviderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.pools = new PoolMeters(registry);
        this.waits = new ClaimWaits(registry);
        this.reconciles = new ReconcileMetrics(registry, (kind, id) -> {
            if ("IPAddressClaim".equals(kind)) {
                // Deleted, with or without our finalizer: it waits no longer.
                id.getNamespace().ifPresent(namespace -> waits.gone(new Holder(namespace, id.getName())));
            }
        });
        this.allocationLatency = Timer.builder(ALLOCATION_DURATION)
                .description("From this provider first seeing a claim without an address to the address recorded in its status")
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.orphansReleased = Counter.builder(ORPHANS_RELEASED)
                .description("IPAddresses of deleted claims found by the orphan sweep and released").register(registry);
    }

    /** Metrics recorded on {@code registry}. */
    public static ProviderMetrics on(MeterRegistry registry) {
        return new ProviderMetrics(registry);
    }

    /** Metrics kept in memory and served nowhere: for tests and {@code dev}, which scrape nothing. */
    public static ProviderMetrics unserved() {
        return new ProviderMetrics(new SimpleMeterRegistry());
    }

    /** The registry the meters are on. */
    public MeterRegistry registry() {
        return registry;
    }

    /** What the Java Operator SDK reports about reconciles, recorded here. */
    public Metrics reconciles() {
        return reconciles;
    }

    /** The counts the pool reconciler computed for the pool's status. */
    public void poolUsage(PoolIdentity pool, PoolUsage usage) {
        pools.usage(pool, usage);
    }

    /** How many other pools {@code pool} shares addresses with. */
    public void poolOverlaps(PoolIdentity pool, int otherPools) {
        pools.overlaps(pool, otherPools);
    }

    /** Reports, as a gauge, how many pools share addresses with at least one other. */
    public void watchOverlappingPools(IntSupplier overlapping) {
        Gauge.builder(POOLS_OVERLAPPING, overlapping, IntSupplier::getAsInt)
                .description("Pools that share addresses with at least one other pool")
                // Gauges hold their object weakly; nothing else holds this method reference.
                .strongReference(true).register(registry);
    }

    /** The pool is deleted: its series go. */
    public void poolDeleted(PoolIdentity pool) {
        pools.gone(pool);
    }

    /** A claim of ours without an address is being reconciled; its wait starts now, if it has not already. */
    public void claimPending(Holder claim, Instant created) {
        waits.pending(claim, created);
    }

    /**
     * Registers the failure counters and waiting gauges of every reason at 0, so that the first
     * refusal shows as an increase: Prometheus takes a counter's first sample as its baseline.
     */
    public void refusalReasons(Collection<String> reasons) {
        reasons.forEach(reason -> {
            failures(reason);
            waits.registerGauges(reason);
        });
    }

    /** The claim, or its pool or Cluster, is paused: it is not waiting for an address. */
    public void claimPaused(Holder claim) {
        waits.gone(claim);
    }

    /**
     * The claim is refused an address for {@code reason} (its Ready condition is False with it).
     *
     * @param newRefusal whether the condition changes to this reason now: counted as a failure once per change,
     *     not at every pass that finds it unchanged
     */
    public void claimRefused(Holder claim, Instant created, String reason, boolean newRefusal) {
        waits.refused(claim, created, reason);
        if (newRefusal) {
            failures(reason).increment();
        }
    }

    private Counter failures(String reason) {
        return Counter.builder(ALLOCATION_FAILURES).description("Claims refused an address, by the reason of their Ready=False condition")
                .tag("reason", reason).register(registry);
    }

    /** The claim's status now names its IPAddress: the allocation latency is recorded, when its wait was seen. */
    public void claimServed(Holder claim) {
        waits.served(claim).ifPresent(allocationLatency::record);
    }

    /** An IPAddress was created for a claim. */
    public void allocated(PoolIdentity pool) {
        pools.allocated(pool);
    }

    /** A claim's IPAddress was deleted and its address given back. */
    public void released(PoolIdentity pool) {
        pools.released(pool);
    }

    /** A global pool's namespace selector refused a claim (counted once per refusal, as failures are). */
    public void namespaceRefused(PoolIdentity pool) {
        pools.namespaceRefused(pool);
    }

    /** How many of a global pool's IPAddresses are held by claims of namespaces its selector does not select. */
    public void heldOutsideSelector(PoolIdentity pool, long held) {
        pools.outsideSelector(pool, held);
    }

    /** An orphaned IPAddress (its claim gone) was released by the sweep. */
    public void orphanReleased(PoolIdentity pool) {
        orphansReleased.increment();
        pools.released(pool);
    }

    /** How many IPAddresses the last orphan sweep found without their claim (released at the next if still so). */
    public void watchOrphanSuspects(IntSupplier suspects) {
        Gauge.builder(ORPHAN_SUSPECTS, suspects, IntSupplier::getAsInt)
                .description("IPAddresses made for a claim that no longer exists, found by the last sweep")
                // Gauges hold their object weakly; nothing else holds this method reference.
                .strongReference(true).register(registry);
    }

    /** An object of a watched kind could not be read whole (counted once per version of it): skipped, and reported on it. */
    public void undecodable(String kind) {
        Counter.builder(UNDECODABLE_OBJECTS)
                .description("Objects of a watched kind that the provider could not decode, once per version; see the object's events")
                .tag("kind", kind).register(registry).increment();
    }
}

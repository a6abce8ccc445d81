package dev.clusteripam.controller.metrics;

import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.core.pool.PoolUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

/**
 * The meters labelled with one pool: its address counts (as its status shows them) and its
 * allocation and release counters. A pool's series are registered when it is first seen and
 * removed when it is deleted, so that the number of series follows the number of pools.
 */
final class PoolMeters {

    static final String ADDRESSES = "capi.ipam.pool.addresses";
    static final String ALLOCATIONS = "capi.ipam.allocations";
    static final String RELEASES = "capi.ipam.releases";
    static final String NAMESPACE_REFUSALS = "capi.ipam.namespace.refusals";
    static final String OUTSIDE_SELECTOR = "capi.ipam.pool.addresses.outside.selector";
    static final String OVERLAPS = "capi.ipam.pool.overlaps";

    private final MeterRegistry registry;
    private final Map<PoolIdentity, PoolSeries> pools = new ConcurrentHashMap<>();

    PoolMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One pool's series; the gauges read the last counts the pool reconciler wrote into the status. */
    private final class PoolSeries {
        private final Tags tags;
        private final AtomicReference<PoolUsage> usage = new AtomicReference<>(new PoolUsage(0, 0, 0, 0));
        private final AtomicInteger overlaps = new AtomicInteger();
        private final List<Meter> meters = new ArrayList<>();
        private final Counter allocations;
        private final Counter releases;
        /** A global pool's: claims its namespace selector refused, and addresses held outside it. */
        private final Optional<Counter> namespaceRefusals;
        private final AtomicLong outsideSelector = new AtomicLong();

        PoolSeries(PoolIdentity pool) {
            tags = Tags.of("kind", pool.kind().kind(), "namespace", pool.namespace(), "pool", pool.name());
            gauge("total", PoolUsage::total);
            gauge("free", PoolUsage::free);
            gauge("used", PoolUsage::used);
            gauge("outOfRange", PoolUsage::outOfRange);
            allocations = Counter.builder(ALLOCATIONS).description("IPAddresses this provider created for claims")
                    .tags(tags).register(registry);
            releases = Counter.builder(RELEASES).description("IPAddresses this provider released (claim deleted, or orphaned)")
                    .tags(tags).register(registry);
            meters.add(allocations);
            meters.add(releases);
            meters.add(Gauge.builder(OVERLAPS, overlaps, AtomicInteger::get)
                    .description("Other pools this pool shares addresses with, as its Overlapping condition names them")
                    .tags(tags).register(registry));
            namespaceRefusals = pool.kind().isNamespaced() ? Optional.empty() : Optional.of(registerNamespaceMeters());
        }

        private Counter namespaceRefusals() {
            return namespaceRefusals.orElseThrow(() -> new IllegalStateException("only global pools select namespaces"));
        }

        private Counter registerNamespaceMeters() {
            Counter refusals = Counter.builder(NAMESPACE_REFUSALS)
                    .description("Claims refused an address because the pool's namespaceSelector does not select"
                            + " their namespace; once each time a claim is refused for it")
                    .tags(tags).register(registry);
            meters.add(refusals);
            meters.add(Gauge.builder(OUTSIDE_SELECTOR, outsideSelector, AtomicLong::get)
                    .description("IPAddresses of the pool held by claims of namespaces its namespaceSelector does not"
                            + " select (handed out before the selector or the labels changed; never taken back)")
                    .tags(tags).register(registry));
            return refusals;
        }

        private void gauge(String state, ToLongFunction<PoolUsage> count) {
            meters.add(Gauge.builder(ADDRESSES, usage, current -> count.applyAsLong(current.get()))
                    .description("Addresses (or prefixes) of the pool by state, as in the pool's status.ipAddresses;"
                            + " total is the pool's size, not the sum of the others")
                    .tags(tags).tag("state", state).register(registry));
        }
    }

    void usage(PoolIdentity pool, PoolUsage usage) {
        series(pool).usage.set(usage);
    }

    void overlaps(PoolIdentity pool, int otherPools) {
        series(pool).overlaps.set(otherPools);
    }

    void allocated(PoolIdentity pool) {
        series(pool).allocations.increment();
    }

    void released(PoolIdentity pool) {
        series(pool).releases.increment();
    }

    void namespaceRefused(PoolIdentity pool) {
        series(pool).namespaceRefusals().increment();
    }

    void outsideSelector(PoolIdentity pool, long held) {
        series(pool).outsideSelector.set(held);
    }

    void gone(PoolIdentity pool) {
        PoolSeries removed = pools.remove(pool);
        if (removed != null) {
            removed.meters.forEach(registry::remove);
        }
    }

    private PoolSeries series(PoolIdentity pool) {
        return pools.computeIfAbsent(pool, PoolSeries::new);
    }
}

package dev.clusteripam.controller.metrics;

import dev.clusteripam.controller.ledger.Holder;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Claims of ours without an address: since when they wait and why. Exposed as two gauges per
 * reason (how many, and how long the oldest has waited), never per claim, so that a thousand
 * waiting claims make two series, not a thousand.
 */
final class ClaimWaits {

    static final String WAITING = "capi.ipam.claims.waiting";
    static final String OLDEST_WAITING = "capi.ipam.claims.oldest.waiting";

    /**
     * @param created the claim's creation time, what an operator counts a wait from (it survives a restart)
     * @param seenNanos when this process first saw the claim without an address, for the allocation latency
     * @param reason the reason of the claim's Ready=False condition; empty while its first pass runs
     */
    private record Wait(Instant created, long seenNanos, Optional<String> reason) {
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<Holder, Wait> waits = new ConcurrentHashMap<>();
    private final Set<String> reasonsWithGauges = ConcurrentHashMap.newKeySet();

    ClaimWaits(MeterRegistry registry) {
        this.registry = registry;
        this.clock = registry.config().clock();
    }

    void pending(Holder claim, Instant created) {
        waits.putIfAbsent(claim, new Wait(created, clock.monotonicTime(), Optional.empty()));
    }

    void refused(Holder claim, Instant created, String reason) {
        registerGauges(reason);
        waits.compute(claim, (key, wait) -> new Wait(created, wait == null ? clock.monotonicTime() : wait.seenNanos(),
                Optional.of(reason)));
    }

    /** The claim has its address; how long since this process first saw it without one. */
    Optional<Duration> served(Holder claim) {
        return Optional.ofNullable(waits.remove(claim)).map(wait -> Duration.ofNanos(clock.monotonicTime() - wait.seenNanos()));
    }

    void gone(Holder claim) {
        waits.remove(claim);
    }

    void registerGauges(String reason) {
        if (!reasonsWithGauges.add(reason)) {
            return;
        }
        Gauge.builder(WAITING, this, waits -> waits.count(reason))
                .description("Claims of this provider without an address, by the reason of their Ready=False condition")
                .tag("reason", reason).register(registry);
        Gauge.builder(OLDEST_WAITING, this, waits -> waits.oldestSeconds(reason))
                .description("Age (since creation) of the oldest claim waiting for an address for this reason; 0 when none waits")
                .baseUnit("seconds").tag("reason", reason).register(registry);
    }

    private long count(String reason) {
        return waits.values().stream().filter(wait -> wait.reason().filter(reason::equals).isPresent()).count();
    }

    private double oldestSeconds(String reason) {
        Instant now = Instant.ofEpochMilli(clock.wallTime());
        return waits.values().stream()
                .filter(wait -> wait.reason().filter(reason::equals).isPresent())
                .map(Wait::created)
                .min(Instant::compareTo)
                .map(created -> Math.max(0, Duration.between(created, now).toMillis() / 1000.0))
                .orElse(0.0);
    }
}

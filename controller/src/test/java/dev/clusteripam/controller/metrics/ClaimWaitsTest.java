package dev.clusteripam.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.controller.ledger.Holder;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Claims waiting for an address, on a clock the test moves: counts and the oldest's age per reason, the latency once served. */
class ClaimWaitsTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final ClaimWaits waits = new ClaimWaits(registry);
    private final Instant now = Instant.ofEpochMilli(clock.wallTime());

    @Test
    void refusedClaimsCountByReasonAndTheOldestAgeIsFromItsCreation() {
        waits.refused(new Holder("ns", "a"), now.minusSeconds(400), "PoolExhausted");
        waits.refused(new Holder("ns", "b"), now.minusSeconds(10), "PoolExhausted");
        waits.refused(new Holder("ns", "c"), now.minusSeconds(20), "PoolNotReady");

        assertThat(gauge(ClaimWaits.WAITING, "PoolExhausted")).isEqualTo(2);
        assertThat(gauge(ClaimWaits.WAITING, "PoolNotReady")).isEqualTo(1);
        assertThat(gauge(ClaimWaits.OLDEST_WAITING, "PoolExhausted")).isEqualTo(400);
        assertThat(gauge(ClaimWaits.OLDEST_WAITING, "PoolNotReady")).isEqualTo(20);

        clock.add(Duration.ofSeconds(5));
        assertThat(gauge(ClaimWaits.OLDEST_WAITING, "PoolExhausted")).isEqualTo(405);
    }

    @Test
    void aClaimMovesToItsNewReasonAndLeavesWhenServedOrGone() {
        Holder claim = new Holder("ns", "a");
        waits.refused(claim, now, "PoolNotReady");
        waits.refused(claim, now, "PoolExhausted");

        assertThat(gauge(ClaimWaits.WAITING, "PoolNotReady")).isZero();
        assertThat(gauge(ClaimWaits.WAITING, "PoolExhausted")).isEqualTo(1);

        waits.gone(claim);
        assertThat(gauge(ClaimWaits.WAITING, "PoolExhausted")).isZero();
        assertThat(gauge(ClaimWaits.OLDEST_WAITING, "PoolExhausted")).isZero();
    }

    @Test
    void aPendingClaimIsNotYetWaitingForAReasonButItsLatencyCountsFromThen() {
        Holder claim = new Holder("ns", "a");
        waits.pending(claim, now);
        clock.add(150, TimeUnit.MILLISECONDS);
        waits.refused(claim, now, "PoolExhausted");
        clock.add(850, TimeUnit.MILLISECONDS);
        waits.pending(claim, now);

        assertThat(waits.served(claim)).contains(Duration.ofSeconds(1));
        assertThat(waits.served(claim)).as("served once").isEmpty();
    }

    @Test
    void aClaimPendingOnlyIsNotCountedAsWaiting() {
        waits.registerGauges("PoolExhausted");
        waits.pending(new Holder("ns", "a"), now.minusSeconds(1000));

        assertThat(gauge(ClaimWaits.WAITING, "PoolExhausted")).isZero();
        assertThat(gauge(ClaimWaits.OLDEST_WAITING, "PoolExhausted")).isZero();
    }

    private double gauge(String name, String reason) {
        return registry.get(name).tag("reason", reason).gauge().value();
    }
}

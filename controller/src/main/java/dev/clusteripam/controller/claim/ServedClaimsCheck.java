package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.IPAddressClaim;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up pass over served claims. At a start (a restart, a new leader) a claim that is served
 * and says so for its current generation ({@link ClaimEventSources#needsStartReconcile}) is not
 * reconciled by its pool's or Cluster's add, and its own add's reconcile returns at once: with tens
 * of thousands of them, full reconciles would queue ahead of every new claim. Instead this pass, on a thread of its own once
 * every cache the claims are judged on is complete, reconciles only those it finds inconsistent
 * (their IPAddress missing or not as made, their pool gone or invalid, their Cluster missing or
 * paused). From its first look on, pool and Cluster events reach every claim again.
 */
final class ServedClaimsCheck extends SimpleInboundEventSource<IPAddressClaim> {

    private static final Logger LOG = LoggerFactory.getLogger(ServedClaimsCheck.class);
    private static final Duration POLL = Duration.ofMillis(20);

    private final BooleanSupplier sourcesSynced;
    private final Supplier<List<IPAddressClaim>> servedClaims;
    private final Supplier<Predicate<IPAddressClaim>> consistent;
    private volatile boolean begun;

    /**
     * @param sourcesSynced whether every cache a claim's reconcile reads (pools, Clusters, IPAddresses, namespaces) is complete
     * @param servedClaims the claims not reconciled at the start: served and current
     * @param consistent for one pass: whether such a claim's status still holds against the caches
     */
    ServedClaimsCheck(BooleanSupplier sourcesSynced, Supplier<List<IPAddressClaim>> servedClaims,
            Supplier<Predicate<IPAddressClaim>> consistent) {
        super("served-claims-check");
        this.sourcesSynced = sourcesSynced;
        this.servedClaims = servedClaims;
        this.consistent = consistent;
    }

    /** Whether the pass has taken its look: from then on, every event reaches every claim it concerns. */
    boolean begun() {
        return begun;
    }

    @Override
    public void start() {
        super.start();
        Thread.ofPlatform().daemon().name("served-claims-check").start(this::check);
    }

    private void check() {
        try {
            while (!sourcesSynced.getAsBoolean()) {
                if (!isRunning()) {
                    return;
                }
                Thread.sleep(POLL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // Before the look: an event that lands after it reaches every claim; one before it is in what the look sees.
        begun = true;
        long started = System.nanoTime();
        List<IPAddressClaim> served = servedClaims.get();
        Predicate<IPAddressClaim> holds = consistent.get();
        int reconciled = 0;
        for (IPAddressClaim claim : served) {
            if (!isRunning()) {
                return;
            }
            if (!holds.test(claim)) {
                reconciled++;
                propagateEvent(ResourceID.fromResource(claim));
            }
        }
        LOG.info("served claims checked after the start: served={} reconciled={} ms={}", served.size(), reconciled,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}

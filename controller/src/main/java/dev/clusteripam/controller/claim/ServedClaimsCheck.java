package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.IPAddressClaim;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up pass over served claims. At a start (a restart, a new leader, the first start on
 * the upstream provider's claims) a claim that is served ({@link ClaimEventSources#needsStartReconcile})
 * is not reconciled by its pool's or Cluster's add, and its own add's reconcile returns at once:
 * with tens of thousands of them, full reconciles would queue ahead of every new claim. Instead
 * this pass, on a thread of its own once every cache the claims are judged on is complete and
 * every claim's add has been judged, reconciles at once those it finds inconsistent (their
 * IPAddress missing or not as made, their pool gone or invalid, their Cluster missing or paused). Then it backfills those consistent but
 * not current (no Ready condition for their generation, as the upstream provider leaves every
 * claim): a chunk at a time, each once the previous one shows current in the cache or a while has
 * passed, so that new claims never wait for more than a chunk. From its first look on, pool and
 * Cluster events reach every claim again.
 */
final class ServedClaimsCheck extends SimpleInboundEventSource<IPAddressClaim> {

    private static final Logger LOG = LoggerFactory.getLogger(ServedClaimsCheck.class);
    private static final Duration POLL = Duration.ofMillis(20);
    /** Claims backfilled at once: a new claim's reconcile queues behind at most these. */
    static final int BACKFILL_CHUNK = 50;
    /** How long a chunk may take before the next one goes anyway (a claim whose reconcile fails is retried by the operator). */
    private static final Duration CHUNK_PATIENCE = Duration.ofSeconds(5);
    /** How long the look waits for the adds' handlers once the caches are complete. */
    private static final Duration JUDGEMENT_PATIENCE = Duration.ofSeconds(10);

    private final BooleanSupplier sourcesSynced;
    private final BooleanSupplier addsJudged;
    private final Runnable lookBegun;
    private final Supplier<List<IPAddressClaim>> servedClaims;
    private final Supplier<Predicate<IPAddressClaim>> consistent;
    private final Predicate<ResourceID> behind;
    private final Consumer<ResourceID> undefer;
    private volatile boolean begun;

    /**
     * @param sourcesSynced whether every cache a claim's reconcile reads (pools, Clusters, IPAddresses, namespaces) is complete
     * @param addsJudged whether every claim, pool and Cluster the caches hold has had its add judged (see {@link #beforeLook})
     * @param lookBegun run as the look begins, under the same lock as {@link #beforeLook}
     * @param servedClaims the claims not reconciled at the start: served
     * @param consistent for one pass: whether such a claim's status still holds against the caches
     * @param behind whether a claim, as the cache holds it now, is served but its Ready condition not current
     * @param undefer ends a claim's deferral at the start, so that its next reconcile is a full one
     */
    ServedClaimsCheck(BooleanSupplier sourcesSynced, BooleanSupplier addsJudged, Runnable lookBegun, Supplier<List<IPAddressClaim>> servedClaims,
            Supplier<Predicate<IPAddressClaim>> consistent, Predicate<ResourceID> behind, Consumer<ResourceID> undefer) {
        super("served-claims-check");
        this.sourcesSynced = sourcesSynced;
        this.addsJudged = addsJudged;
        this.lookBegun = lookBegun;
        this.servedClaims = servedClaims;
        this.consistent = consistent;
        this.behind = behind;
        this.undefer = undefer;
    }

    /** Whether the pass has taken its look: from then on, every event reaches every claim it concerns. */
    boolean begun() {
        return begun;
    }

    /**
     * Runs {@code judgement} (of a claim's add, a pool's or Cluster's event) if the look has not
     * begun, atomically with respect to its beginning: a claim deferred by
     * it is in what the look sees, and none is deferred after the look has judged it (which would
     * leave an inconsistent claim unreconciled).
     */
    void beforeLook(Runnable judgement) {
        // Once begun it stays begun: every claim add and pool or Cluster event after the start takes no lock.
        if (begun) {
            return;
        }
        synchronized (this) {
            if (!begun) {
                judgement.run();
            }
        }
    }

    private synchronized void beginLook() {
        begun = true;
        lookBegun.run();
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
            // The adds' handlers trail the caches by moments; a look without them is still correct, only slower for new claims.
            long judgedBy = System.nanoTime() + JUDGEMENT_PATIENCE.toNanos();
            while (!addsJudged.getAsBoolean()) {
                if (!isRunning()) {
                    return;
                }
                if (System.nanoTime() - judgedBy > 0) {
                    LOG.warn("not every add judged {} s after the caches were complete: served claims are checked now", JUDGEMENT_PATIENCE.toSeconds());
                    break;
                }
                Thread.sleep(POLL);
            }
            // Before the look: an event that lands after it reaches every claim; one before it is in what the look sees.
            beginLook();
            long started = System.nanoTime();
            List<IPAddressClaim> served = servedClaims.get();
            Predicate<IPAddressClaim> holds = consistent.get();
            List<ResourceID> toBackfill = new ArrayList<>();
            int reconciled = 0;
            for (IPAddressClaim claim : served) {
                if (!isRunning()) {
                    return;
                }
                ResourceID id = ResourceID.fromResource(claim);
                if (!holds.test(claim)) {
                    reconciled++;
                    reconcile(id);
                } else if (behind.test(id)) {
                    toBackfill.add(id);
                }
            }
            LOG.info("served claims checked after the start: served={} reconciled={} toBackfill={} ms={}", served.size(), reconciled,
                    toBackfill.size(), Duration.ofNanos(System.nanoTime() - started).toMillis());
            backfill(toBackfill);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reconciles the claims a chunk at a time, each chunk once the previous one is current (or {@link #CHUNK_PATIENCE} passed). */
    private void backfill(List<ResourceID> claims) throws InterruptedException {
        if (claims.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        int backfilled = 0;
        int late = 0;
        for (int from = 0; from < claims.size(); from += BACKFILL_CHUNK) {
            // A claim reconciled meanwhile (an update, its IPAddress or pool changing) is current already.
            List<ResourceID> chunk = claims.subList(from, Math.min(from + BACKFILL_CHUNK, claims.size())).stream().filter(behind).toList();
            chunk.forEach(this::reconcile);
            backfilled += chunk.size();
            long deadline = System.nanoTime() + CHUNK_PATIENCE.toNanos();
            while (chunk.stream().anyMatch(behind)) {
                if (!isRunning()) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    late++;
                    break;
                }
                Thread.sleep(POLL);
            }
        }
        LOG.info("served claims backfilled with a current Ready condition: claims={} chunks={} chunksLate={} ms={}", backfilled,
                (claims.size() + BACKFILL_CHUNK - 1) / BACKFILL_CHUNK, late, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private void reconcile(ResourceID claim) {
        undefer.accept(claim);
        propagateEvent(claim);
    }
}

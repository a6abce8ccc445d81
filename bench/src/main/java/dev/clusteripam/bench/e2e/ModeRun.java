package dev.clusteripam.bench.e2e;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.controlplane.ScriptedControlPlane;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The workloads, in one mode, against one fresh control plane. The scale workloads: Fill (with the
 * Churn at its 10k step), Restart (ours), Burst and IPv6 (ours; the imitation of upstream serves
 * only the prefix pool, which upstream has not). Or one round of the side-by-side workloads, which
 * ours and upstream's binary both run: a cold start, one claim alone, claims at once into a fresh
 * /24 and into many pools. After every workload the server's state is checked; a violation ends
 * the run.
 */
final class ModeRun {

    static final String NAMESPACE = "bench";
    /** The harness sends creates from this many threads: enough to keep the provider's queue full. */
    static final int CREATOR_THREADS = 32;
    /** How long a claim may take once its step's time cap is spent: beyond it the claim counts as unserved. */
    private static final Duration UNSERVED_AFTER = Duration.ofMinutes(10);
    /** A provider whose writes stopped this long has finished its start-up pass (seeded steps). */
    private static final Duration QUIET = Duration.ofSeconds(3);
    /** How long a seeded step waits at most for the provider's start-up writes to stop before creating its batch. */
    private static final Duration SETTLE_CAP = Duration.ofMinutes(5);

    private static final String FILL_POOL = "fill-v4";
    private static final String V6_POOL = "v6";
    private static final String PREFIX_POOL = "prefixes";
    private static final String COLD_POOL = "cold";
    private static final String SINGLE_POOL = "single";
    private static final String AT_ONCE_POOL = "at-once";

    private final Providers providers;
    private final Path out;
    private final Mode mode;
    private final Plan plan;
    private final boolean jfr;
    private final KubernetesClient client;
    private final ScriptedControlPlane plane;
    private final ClaimTracker tracker;
    private final CorrectnessCheck check;
    private final List<StepResult> steps = new ArrayList<>();
    private final Map<String, String> profiles = new LinkedHashMap<>();
    private final List<String> fillClaims = new ArrayList<>();
    private final Map<String, Integer> sequence = new HashMap<>();
    private ProviderProcess provider;
    private final String runName;
    private int providerStarts;
    private RestartResult restart;

    private ModeRun(Providers providers, Path out, Mode mode, String runName, Plan plan, boolean jfr, KubernetesClient client,
            ScriptedControlPlane plane) {
        this.providers = providers;
        this.runName = runName;
        this.out = out;
        this.mode = mode;
        this.plan = plan;
        this.jfr = jfr;
        this.client = client;
        this.plane = plane;
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        this.tracker = new ClaimTracker(client, NAMESPACE, CREATOR_THREADS);
        this.check = new CorrectnessCheck(client, NAMESPACE, mode.isOurs());
    }

    /** The scale workloads of {@code mode}. */
    static ModeResult scale(Providers providers, Path out, Mode mode, Plan plan, boolean jfr, KubernetesClient client,
            ScriptedControlPlane plane) throws IOException, InterruptedException {
        ModeRun run = new ModeRun(providers, out, mode, "scale", plan, jfr, client, plane);
        try {
            run.scaleWorkloads();
            return new ModeResult(mode.label(), run.steps, run.restart, List.of(), run.profiles);
        } catch (ViolationException e) {
            return new ModeResult(mode.label(), run.steps, run.restart, e.violations(), run.profiles);
        } finally {
            run.stopProvider();
            run.tracker.close();
        }
    }

    /** One round of the side-by-side workloads of {@code mode}. */
    static HeadToHeadRound headToHead(Providers providers, Path out, Mode mode, Plan plan, int round, KubernetesClient client,
            ScriptedControlPlane plane) throws IOException, InterruptedException {
        ModeRun run = new ModeRun(providers, out, mode, "round-" + round, plan, false, client, plane);
        try {
            run.headToHeadWorkloads();
            return new HeadToHeadRound(mode.label(), round, run.restart, run.steps, List.of());
        } catch (ViolationException e) {
            return new HeadToHeadRound(mode.label(), round, run.restart, run.steps, e.violations());
        } finally {
            run.stopProvider();
            run.tracker.close();
        }
    }

    /**
     * One seeded step of {@code mode}, {@code target} in use at its end: claims of the Fill pool and
     * their IPAddresses written as upstream leaves them, with no provider running; the provider
     * started with one claim created while none ran, timed to {@code /readyz} and to that claim, and
     * its writes counted until they stop. Ours starts so twice: on upstream's state (the migration),
     * stopped, then on the state its first start left (a restart of ours). Then {@code batchSize}
     * claims created at once. The correctness check covers the seeded claims and the new ones.
     */
    static SeededStep seeded(Providers providers, Path out, Mode mode, Plan plan, int target, int batchSize, boolean jfr,
            KubernetesClient client, ScriptedControlPlane plane) throws IOException, InterruptedException {
        ModeRun run = new ModeRun(providers, out, mode, "seeded-" + label(target), plan, jfr, client, plane);
        try {
            return run.seededStep(target, batchSize);
        } catch (ViolationException e) {
            return new SeededStep(mode.label(), label(target), 0, 0, 0, null, null, null, null, null, null, e.violations());
        } finally {
            run.stopProvider();
            run.tracker.close();
        }
    }

    private SeededStep seededStep(int target, int batchSize) throws IOException, InterruptedException {
        String step = label(target);
        // Ours starts twice (on upstream's state, then on its own), each start with one claim made while none runs.
        int starts = mode.isOurs() ? 2 : 1;
        int seedCount = target - batchSize - starts;
        if (seedCount < 0) {
            throw new IllegalArgumentException("--seeded-batch " + batchSize + " leaves nothing to seed at " + step);
        }
        new BenchPools(client, NAMESPACE).ipPool(FILL_POOL, "10.0.0.0/16", 16, Optional.of("10.0.0.1"));
        InClusterIPPool pool = client.resources(InClusterIPPool.class).inNamespace(NAMESPACE).withName(FILL_POOL).get();
        List<String> seededNames = new ArrayList<>(seedCount);
        for (int i = 0; i < seedCount; i++) {
            seededNames.add(nextName("fill"));
        }
        Progress.say("[" + mode.label() + "] seeded " + step + ": writing " + seedCount + " claims and IPAddresses as upstream leaves them,"
                + " no provider running");
        UpstreamShapedSeed.Seeded seeded = UpstreamShapedSeed.seed(client, NAMESPACE, pool, seededNames, CREATOR_THREADS);
        Progress.say(String.format("[%s] seeded %s: %d claims in %.1f s = %.0f claims/s (3 writes each)", mode.label(), step, seedCount,
                seeded.seconds(), seeded.claimsPerSecond()));
        check.adoptedWithoutLedgerEntries(seededNames);

        SeededStep.Start takeover = null;
        if (mode.isOurs()) {
            takeover = seededStart(step, "first start, on upstream's state");
            if (takeover.capped()) {
                return unfinished(step, seeded, takeover, null);
            }
            stopProvider();
        }
        SeededStep.Start start = seededStart(step, mode.isOurs() ? "restart, on the state its first start left" : "start");
        if (start.capped()) {
            return unfinished(step, seeded, takeover, start);
        }

        Snapshot before = snapshot();
        List<ClaimRequest> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            batch.add(new ClaimRequest(nextName("fill"), BenchPools.IP_POOL, FILL_POOL));
        }
        Batch done = serve(batch);
        long inUse = (long) seedCount + starts + batchSize;
        LatencySummary latency = LatencySummary.ofNanos(done.latencies());
        StepResult result = measured("seeded", step, batchSize, inUse, done.seconds(), done.latencies(), before, false,
                List.of(new BatchPoint(inUse, batchSize, StepResult.round(batchSize / done.seconds()), latency.p50Ms(), latency.p99Ms())),
                Map.of());
        Progress.say(String.format("[%s] seeded %s: batch of %d in %.1f s = %.1f claims/s, %s; %.2f writes per claim", mode.label(), step,
                batchSize, done.seconds(), result.claimsPerSecond(), latency, result.writesPerClaimTotal()));

        List<String> violations = new ArrayList<>(check.violations());
        Map<String, IPAddressClaim> claims = new HashMap<>();
        client.resources(IPAddressClaim.class).inNamespace(NAMESPACE).list().getItems()
                .forEach(claim -> claims.put(claim.getMetadata().getName(), claim));
        Map<String, IPAddress> addresses = new HashMap<>();
        client.resources(IPAddress.class).inNamespace(NAMESPACE).list().getItems()
                .forEach(address -> addresses.put(address.getMetadata().getName(), address));
        long claimsRewritten = 0;
        long addressesRewritten = 0;
        for (String name : seededNames) {
            IPAddressClaim claim = claims.get(name);
            IPAddress address = addresses.get(name);
            if (claim != null && !seeded.claimVersions().get(name).equals(claim.getMetadata().getResourceVersion())) {
                claimsRewritten++;
            }
            if (address != null && !seeded.addressVersions().get(name).equals(address.getMetadata().getResourceVersion())) {
                addressesRewritten++;
            }
            if (address != null && !seeded.addressByClaim().get(name).equals(address.getSpec().getAddress())) {
                violations.add("re-addressed: seeded claim " + name + " had " + seeded.addressByClaim().get(name) + ", its IPAddress now has "
                        + address.getSpec().getAddress());
            }
        }
        Long inLedger = mode.isOurs() ? check.ledgerEntriesHeldBy(seededNames) : null;
        Progress.say(String.format("[%s] seeded %s: of %d seeded claims, %d claims and %d IPAddresses rewritten by the provider%s; %s",
                mode.label(), step, seedCount, claimsRewritten, addressesRewritten,
                inLedger == null ? "" : ", " + inLedger + " in our ledger",
                violations.isEmpty() ? "checked: no duplicate, lost, leaked or re-addressed address" : violations.size() + " violations"));
        violations.stream().limit(20).forEach(v -> Progress.say("[" + mode.label() + "] VIOLATION in seeded " + step + ": " + v));
        return new SeededStep(mode.label(), step, seedCount, StepResult.round(seeded.seconds()), StepResult.round(seeded.claimsPerSecond()),
                takeover, start, claimsRewritten, addressesRewritten, inLedger, result, violations);
    }

    /**
     * A seeded step that ended at a start whose pass over the existing claims outlasted the patience:
     * no batch (it would queue behind the pass) and no check (the claims waiting are not lost).
     */
    private SeededStep unfinished(String step, UpstreamShapedSeed.Seeded seeded, SeededStep.Start takeover, SeededStep.Start start) {
        return new SeededStep(mode.label(), step, seeded.addressByClaim().size(), StepResult.round(seeded.seconds()),
                StepResult.round(seeded.claimsPerSecond()), takeover, start, null, null, null, null, List.of());
    }

    /**
     * Starts the provider with one claim created while none runs; times it to {@code /readyz} and to
     * that claim, then waits until its writes stop and counts them.
     */
    private SeededStep.Start seededStart(String step, String what) throws IOException, InterruptedException {
        ApiRequestCounts beforeStart = ApiRequestCounts.scrape(client);
        Duration patience = UNSERVED_AFTER.plus(plan.stepCap(mode));
        ClaimRequest probe = new ClaimRequest(nextName("restart"), BenchPools.IP_POOL, FILL_POOL);
        restart = timedStart(probe, patience);
        if (tracker.countServed(List.of(probe.name())) == 0) {
            Progress.say(String.format("[%s] seeded %s, %s with %d IPAddresses: ready after %.2f s; the claim created while none ran not"
                    + " served within %d min (its start-up pass over the existing claims had not reached it); the step ends here",
                    mode.label(), step, what, restart.addressesPresent(), restart.secondsToReady(), patience.toMinutes()));
            return new SeededStep.Start(restart, true, patience.toSeconds(),
                    new TreeMap<>(ApiRequestCounts.scrape(client).since(beforeStart).providerWritesPerClaim(1, 1)));
        }
        Progress.say(String.format("[%s] seeded %s, %s with %d IPAddresses: ready after %.2f s, first new claim after %.2f s, heap %s MiB,"
                + " RSS %.1f MiB", mode.label(), step, what, restart.addressesPresent(), restart.secondsToReady(), restart.secondsToFirstClaim(),
                restart.heapAfterGcMiB() == null ? "-" : String.format("%.1f", restart.heapAfterGcMiB()), restart.rssMiB()));
        double settled = awaitProviderWritesSettled();
        // The probe claim's create is the harness's.
        Map<String, Double> writes = new TreeMap<>(ApiRequestCounts.scrape(client).since(beforeStart).providerWritesPerClaim(1, 1));
        Progress.say(String.format("[%s] seeded %s, %s: the provider's writes stopped %.1f s after its start: %s", mode.label(), step, what,
                settled, writes));
        return new SeededStep.Start(restart, false, StepResult.round(settled), writes);
    }

    /**
     * Waits until the provider has written nothing for {@link #QUIET} (the API server's counts of
     * the writes a provider makes, scraped once a second), at most {@link #SETTLE_CAP}; returns the
     * seconds from the provider's start to the last change seen.
     */
    private double awaitProviderWritesSettled() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_CAP.toNanos();
        double last = ApiRequestCounts.total(ApiRequestCounts.scrape(client).providerWritesPerClaim(1, 0));
        long lastChange = System.nanoTime();
        while (System.nanoTime() - lastChange < QUIET.toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            double now = ApiRequestCounts.total(ApiRequestCounts.scrape(client).providerWritesPerClaim(1, 0));
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return (lastChange - provider.startedNanos()) / 1e9;
    }

    /**
     * A cold start on a cluster holding only the pools and one claim created before the provider
     * starts; then one claim alone, again and again; then claims at once into a fresh /24; then
     * claims at once into many pools.
     */
    private void headToHeadWorkloads() throws IOException, InterruptedException {
        BenchPools pools = new BenchPools(client, NAMESPACE);
        pools.ipPool(COLD_POOL, "10.1.0.0/24", 24, Optional.of("10.1.0.1"));
        pools.ipPool(SINGLE_POOL, "10.2.0.0/24", 24, Optional.of("10.2.0.1"));
        pools.ipPool(AT_ONCE_POOL, "10.3.0.0/24", 24, Optional.of("10.3.0.1"));
        List<ClaimRequest.PoolName> many = new ArrayList<>();
        for (int i = 0; i < plan.manyPools(); i++) {
            String name = "many-" + i;
            pools.ipPool(name, "10.4." + i + ".0/24", 24, Optional.of("10.4." + i + ".1"));
            many.add(new ClaimRequest.PoolName(BenchPools.IP_POOL, name));
        }
        restart = timedStart(new ClaimRequest(nextName("cold"), BenchPools.IP_POOL, COLD_POOL));
        Progress.say(String.format("[%s] cold start: ready after %.2f s, first claim served after %.2f s, RSS %.1f MiB", mode.label(),
                restart.secondsToReady(), restart.secondsToFirstClaim(), restart.rssMiB()));
        verify("cold start");
        alone();
        verify("one claim alone");
        atOnce("at-once", plan.atOnceClaims() + " claims at once into a fresh /24",
                List.of(new ClaimRequest.PoolName(BenchPools.IP_POOL, AT_ONCE_POOL)), plan.atOnceClaims());
        verify("claims at once");
        atOnce("many-pools", many.size() + " pools x " + plan.claimsPerManyPool() + " claims at once", many,
                many.size() * plan.claimsPerManyPool());
        verify("many pools at once");
    }

    /** One claim at a time, each created once the one before is served: the latency of a claim that waits for nothing else. */
    private void alone() throws InterruptedException {
        Snapshot before = snapshot();
        List<Long> latencies = new ArrayList<>();
        double seconds = 0;
        for (int i = 0; i < plan.aloneRepetitions(); i++) {
            Batch done = serve(List.of(new ClaimRequest(nextName("alone"), BenchPools.IP_POOL, SINGLE_POOL)));
            latencies.addAll(done.latencies());
            seconds += done.seconds();
        }
        StepResult result = measured("alone", "1 claim alone x" + plan.aloneRepetitions(), latencies.size(), latencies.size(), seconds,
                latencies, before, false, List.of(), Map.of());
        steps.add(result);
        Progress.say(String.format("[%s] one claim alone, %d times: %s", mode.label(), latencies.size(), result.latency()));
    }

    private void scaleWorkloads() throws IOException, InterruptedException {
        BenchPools pools = new BenchPools(client, NAMESPACE);
        pools.ipPool(FILL_POOL, "10.0.0.0/16", 16, Optional.of("10.0.0.1"));
        List<ClaimRequest.PoolName> burstPools = burstPools(pools);
        pools.ipPool(V6_POOL, "fd00::/64", 64, Optional.empty());
        pools.prefixPool(PREFIX_POOL, "fd01::/48", 64);

        startProvider();
        Progress.say("[" + mode.label() + "] provider ready after " + seconds(provider.awaitReady(Duration.ofMinutes(2))) + " s");
        if (mode == Mode.IMITATION) {
            // The imitation stands in for upstream only where its binary cannot go: upstream has no prefix pools.
            fill("ipv6", label(plan.ipv6Target()) + " /64 prefixes", BenchPools.PREFIX_POOL, PREFIX_POOL, "prefix", new ArrayList<>(),
                    plan.ipv6Target());
            verify("ipv6 prefixes");
            return;
        }

        boolean capped = false;
        for (int target : plan.fillTargets()) {
            if (capped) {
                Progress.say("[" + mode.label() + "] fill to " + target + " skipped: the previous step hit its time cap");
                continue;
            }
            StepResult step = fill("fill-v4", label(target), BenchPools.IP_POOL, FILL_POOL, "fill", fillClaims, target);
            capped = step.capped();
            verify("fill to " + target);
            if (target == plan.churnAt() && !capped) {
                churn();
                verify("churn");
            }
        }
        if (mode == Mode.INDEX) {
            restart();
            verify("restart");
        }
        if (mode == Mode.UPSTREAM) {
            // Upstream is compared on the IPv4 Fill and the Churn here, and side by side on the bursts: the burst pools and
            // the IPv6 workload hold prefix pools, which it has not.
            return;
        }
        atOnce("burst", label(plan.burstClaims()) + " claims across " + burstPools.size() + " pools", burstPools, plan.burstClaims());
        verify("burst");
        fill("ipv6", label(plan.ipv6Target()) + " addresses", BenchPools.IP_POOL, V6_POOL, "v6", new ArrayList<>(), plan.ipv6Target());
        verify("ipv6 addresses");
        fill("ipv6", label(plan.ipv6Target()) + " /64 prefixes", BenchPools.PREFIX_POOL, PREFIX_POOL, "prefix", new ArrayList<>(),
                plan.ipv6Target());
        verify("ipv6 prefixes");
    }

    /** 20 pools of both families: IPv4 and IPv6 address pools and IPv6 prefix pools. */
    private List<ClaimRequest.PoolName> burstPools(BenchPools pools) {
        List<ClaimRequest.PoolName> names = new ArrayList<>();
        for (int i = 0; i < plan.burstPools(); i++) {
            String name = "burst-" + i;
            switch (i % 3) {
                case 0 -> pools.ipPool(name, "10." + (100 + i) + ".0.0/22", 22, Optional.of("10." + (100 + i) + ".0.1"));
                case 1 -> pools.ipPool(name, "fd10:0:0:" + Integer.toHexString(i) + "::/64", 64, Optional.empty());
                default -> pools.prefixPool(name, "fd20:" + Integer.toHexString(i) + "::/48", 64);
            }
            names.add(new ClaimRequest.PoolName(i % 3 == 2 ? BenchPools.PREFIX_POOL : BenchPools.IP_POOL, name));
        }
        return names;
    }

    /**
     * Claims of one pool in batches until {@code target} are in use. Each batch is created at once;
     * the next starts when all of it is served, so latency is a batch's queueing plus the work.
     */
    private StepResult fill(String workload, String step, String poolKind, String pool, String prefix, List<String> live, int target)
            throws InterruptedException {
        Snapshot before = snapshot();
        long deadline = System.nanoTime() + plan.stepCap(mode).toNanos();
        List<Long> latencies = new ArrayList<>();
        List<BatchPoint> points = new ArrayList<>();
        double seconds = 0;
        long served = 0;
        boolean capped = false;
        while (live.size() < target) {
            if (System.nanoTime() > deadline) {
                capped = true;
                Progress.say("[" + mode.label() + "] " + workload + " " + step + ": time cap of " + plan.stepCap(mode).toMinutes()
                        + " min reached at " + live.size() + " in use");
                break;
            }
            int count = Math.min(plan.batchSize(), target - live.size());
            List<ClaimRequest> batch = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                batch.add(new ClaimRequest(nextName(prefix), poolKind, pool));
            }
            Batch done = serve(batch);
            live.addAll(done.names());
            latencies.addAll(done.latencies());
            seconds += done.seconds();
            served += count;
            LatencySummary batchLatency = LatencySummary.ofNanos(done.latencies());
            points.add(new BatchPoint(live.size(), count, StepResult.round(count / done.seconds()), batchLatency.p50Ms(), batchLatency.p99Ms()));
            Progress.say(String.format("[%s] %s %s: %d in use, batch of %d in %.1f s = %.0f claims/s, %s", mode.label(), workload, step,
                    live.size(), count, done.seconds(), count / done.seconds(), batchLatency));
        }
        StepResult result = measured(workload, step, served, live.size(), seconds, latencies, before, capped, points, Map.of());
        steps.add(result);
        return result;
    }

    /** Creates the claims at once and waits for all of them; the batch's time runs from the first send to the last served. */
    private Batch serve(List<ClaimRequest> batch) throws InterruptedException {
        List<String> names = batch.stream().map(ClaimRequest::name).toList();
        tracker.create(batch);
        if (!tracker.awaitServed(names, UNSERVED_AFTER.plus(plan.stepCap(mode)))) {
            throw new ViolationException(List.of("unserved: " + (names.size() - tracker.countServed(names)) + " of " + names.size()
                    + " claims were not served within " + UNSERVED_AFTER.plus(plan.stepCap(mode)).toMinutes() + " min"));
        }
        long first = names.stream().mapToLong(tracker::sentNanos).min().orElseThrow();
        long last = names.stream().mapToLong(tracker::servedNanos).max().orElseThrow();
        return new Batch(names, names.stream().map(tracker::latencyNanos).toList(), (last - first) / 1e9);
    }

    private record Batch(List<String> names, List<Long> latencies, double seconds) {
    }

    /**
     * At the churn step's fill: deletes {@code churnClaims} random claims and creates as many new
     * ones at the same time. Addresses released and not taken again by the new claims (some new
     * claims may be served before the releases land) must be the very addresses that the next
     * claims get, lowest first: then nothing was lost. The pools have no reuse grace period.
     */
    private void churn() throws InterruptedException {
        Random random = new Random(7);
        List<String> shuffled = new ArrayList<>(fillClaims);
        Collections.shuffle(shuffled, random);
        List<String> deleted = List.copyOf(shuffled.subList(0, plan.churnClaims()));
        Map<String, String> addressOf = addressesByClaim();
        Set<String> released = deleted.stream().map(addressOf::get).collect(Collectors.toSet());
        List<ClaimRequest> created = new ArrayList<>();
        for (int i = 0; i < plan.churnClaims(); i++) {
            created.add(new ClaimRequest(nextName("churn"), BenchPools.IP_POOL, FILL_POOL));
        }
        List<String> createdNames = created.stream().map(ClaimRequest::name).toList();

        Snapshot before = snapshot();
        long started = System.nanoTime();
        tracker.deleteAndCreate(deleted, created);
        Duration patience = UNSERVED_AFTER.plus(plan.stepCap(mode));
        if (!tracker.awaitGone(deleted, patience) || !tracker.awaitServed(createdNames, patience)) {
            throw new ViolationException(List.of("churn: deleted claims not gone or new claims not served within " + patience.toMinutes() + " min"));
        }
        long last = createdNames.stream().mapToLong(tracker::servedNanos).max().orElseThrow();
        double seconds = (last - started) / 1e9;
        List<Long> latencies = createdNames.stream().map(tracker::latencyNanos).toList();
        fillClaims.removeAll(deleted);
        fillClaims.addAll(createdNames);

        Map<String, String> after = addressesByClaim();
        Set<String> reused = createdNames.stream().map(after::get).filter(released::contains).collect(Collectors.toSet());
        Set<String> notReused = new HashSet<>(released);
        notReused.removeAll(reused);
        List<ClaimRequest> refill = new ArrayList<>();
        for (int i = 0; i < notReused.size(); i++) {
            refill.add(new ClaimRequest(nextName("refill"), BenchPools.IP_POOL, FILL_POOL));
        }
        Set<String> refilled = new HashSet<>();
        if (!refill.isEmpty()) {
            Batch done = serve(refill);
            fillClaims.addAll(done.names());
            Map<String, String> now = addressesByClaim();
            done.names().forEach(name -> refilled.add(now.get(name)));
        }
        StepResult result = measured("churn", "delete and create " + plan.churnClaims() + " at " + label(plan.churnAt()),
                plan.churnClaims(), fillClaims.size(), seconds, latencies, before, false, List.of(),
                Map.of("deleted", (long) deleted.size(), "released", (long) released.size(), "reused", (long) reused.size(),
                        "refilled", (long) refilled.size()));
        steps.add(result);
        Progress.say(String.format("[%s] churn: %d deleted and %d created in %.1f s; %d released addresses reused at once, %d more"
                + " handed out to the next claims", mode.label(), deleted.size(), created.size(), seconds, reused.size(), refilled.size()));
        if (!refilled.equals(notReused)) {
            Set<String> lost = new HashSet<>(notReused);
            lost.removeAll(refilled);
            throw new ViolationException(List.of("churn: released addresses neither reused nor handed out next (lost): " + lost));
        }
    }

    /**
     * With every address present, stops the provider, creates one claim while none runs, starts a
     * new provider and times it to {@code /readyz} and to that claim being served.
     */
    private void restart() throws IOException, InterruptedException {
        stopProvider();
        ClaimRequest probe = new ClaimRequest(nextName("restart"), BenchPools.IP_POOL, FILL_POOL);
        restart = timedStart(probe);
        fillClaims.add(probe.name());
        Progress.say(String.format("[%s] restart with %d IPAddresses: ready after %.2f s, first new claim after %.2f s, heap %.1f MiB,"
                + " RSS %.1f MiB", mode.label(), restart.addressesPresent(), restart.secondsToReady(), restart.secondsToFirstClaim(),
                restart.heapAfterGcMiB(), restart.rssMiB()));
    }

    /**
     * Starts the provider with {@code probe} created while none runs; times it from process start to
     * {@code /readyz} and to that claim being served.
     */
    private RestartResult timedStart(ClaimRequest probe) throws IOException, InterruptedException {
        Duration patience = Duration.ofMinutes(5);
        RestartResult result = timedStart(probe, patience);
        if (tracker.countServed(List.of(probe.name())) == 0) {
            throw new ViolationException(List.of("the first claim after the provider's start was not served within " + patience.toMinutes()
                    + " min"));
        }
        return result;
    }

    /**
     * As {@link #timedStart(ClaimRequest)}, waiting at most {@code patience} for the claim; when it
     * was not served by then, its time is {@code patience} (a lower bound) and the caller decides.
     */
    private RestartResult timedStart(ClaimRequest probe, Duration patience) throws IOException, InterruptedException {
        tracker.create(List.of(probe));
        long present = client.resources(IPAddress.class).inAnyNamespace().list().getItems().size();
        CpuTimes before = CpuTimes.of(controlPlaneAndHarnessPids());
        startProvider();
        Duration ready = provider.awaitReady(Duration.ofMinutes(5));
        double firstClaim = tracker.awaitServed(List.of(probe.name()), patience)
                ? (tracker.servedNanos(probe.name()) - provider.startedNanos()) / 1e9
                : patience.toSeconds();
        // Read before the heap is measured: jcmd's full collection is not the start's.
        Map<String, Long> pids = controlPlaneAndHarnessPids();
        pids.put("provider", provider.pid());
        Map<String, Double> cpu = CpuTimes.of(pids).secondsSince(before);
        Map<String, Double> threads = mode.isOurs() ? ThreadCpu.of(provider.pid()).rounded() : null;
        return new RestartResult(present, seconds(ready), Math.round(firstClaim * 100) / 100.0, heapAfterGcMiB(),
                ProcessMemory.residentMiB(provider.pid()), cpu, threads);
    }

    /** {@code claims} claims created at once, spread evenly over {@code pools}; the time runs from the first create to the last served. */
    private void atOnce(String workload, String step, List<ClaimRequest.PoolName> pools, int claims) throws InterruptedException {
        Snapshot before = snapshot();
        List<ClaimRequest> batch = new ArrayList<>();
        for (int i = 0; i < claims; i++) {
            ClaimRequest.PoolName pool = pools.get(i % pools.size());
            batch.add(new ClaimRequest(nextName(workload), pool.kind(), pool.name()));
        }
        Batch done = serve(batch);
        LatencySummary latency = LatencySummary.ofNanos(done.latencies());
        StepResult result = measured(workload, step, batch.size(), batch.size(), done.seconds(), done.latencies(), before, false,
                List.of(new BatchPoint(batch.size(), batch.size(), StepResult.round(batch.size() / done.seconds()), latency.p50Ms(),
                        latency.p99Ms())), Map.of());
        steps.add(result);
        Progress.say(String.format("[%s] %s: %s in %.2f s = %.0f claims/s, %s", mode.label(), workload, step, done.seconds(),
                batch.size() / done.seconds(), latency));
    }

    /** Ours only: a Go process has no heap for jcmd to read. */
    private Double heapAfterGcMiB() {
        return mode.isOurs() ? ProcessMemory.heapAfterFullGcMiB(provider.pid()) : null;
    }

    private StepResult measured(String workload, String step, long claims, long inUseAfter, double seconds, List<Long> latencies,
            Snapshot before, boolean capped, List<BatchPoint> points, Map<String, Long> counts) {
        ApiRequestCounts spent = ApiRequestCounts.scrape(client).since(before.requests());
        Snapshot after = snapshot();
        Map<String, Double> cpu = after.cpu().perClaimMillisSince(before.cpu(), claims);
        Map<String, Double> threads = after.threads() == null ? null : after.threads().perClaimMillisSince(before.threads(), claims);
        long harnessCreates = claims + counts.getOrDefault("refilled", 0L);
        Map<String, Double> writes = spent.providerWritesPerClaim(claims, harnessCreates);
        // Deleting claims is the harness's doing too, not the provider's.
        writes.remove("DELETE ipaddressclaims");
        return new StepResult(mode.label(), workload, step, claims, inUseAfter, StepResult.round(seconds),
                seconds > 0 ? StepResult.round(claims / seconds) : 0, LatencySummary.ofNanos(latencies), spent.perClaimByVerb(claims),
                writes, ApiRequestCounts.total(writes), cpu, threads, heapAfterGcMiB(),
                ProcessMemory.residentMiB(provider.pid()), capped, points, counts);
    }

    /**
     * The API server's request counts and every process's CPU time, to diff at the end of a step.
     *
     * @param threads ours only: the provider's CPU by kind of thread
     */
    private record Snapshot(ApiRequestCounts requests, CpuTimes cpu, ThreadCpu threads) {
    }

    private Snapshot snapshot() {
        Map<String, Long> pids = controlPlaneAndHarnessPids();
        pids.put("provider", provider.pid());
        return new Snapshot(ApiRequestCounts.scrape(client), CpuTimes.of(pids), mode.isOurs() ? ThreadCpu.of(provider.pid()) : null);
    }

    private Map<String, Long> controlPlaneAndHarnessPids() {
        Map<String, Long> pids = new HashMap<>();
        pids.put("kube-apiserver", CpuTimes.controlPlanePid(plane.directory(), "kube-apiserver"));
        pids.put("etcd", CpuTimes.controlPlanePid(plane.directory(), "etcd"));
        pids.put("harness", ProcessHandle.current().pid());
        return pids;
    }

    private void verify(String after) throws InterruptedException {
        List<String> violations = check.violations();
        if (!violations.isEmpty()) {
            violations.stream().limit(20).forEach(v -> Progress.say("[" + mode.label() + "] VIOLATION after " + after + ": " + v));
            throw new ViolationException(violations.stream().map(v -> "after " + after + ": " + v).toList());
        }
        Progress.say("[" + mode.label() + "] checked after " + after + ": no duplicate, lost or leaked address");
    }

    private Map<String, String> addressesByClaim() {
        Map<String, String> byClaim = new HashMap<>();
        client.resources(IPAddress.class).inNamespace(NAMESPACE).list().getItems()
                .forEach(address -> byClaim.put(address.getMetadata().getName(), address.getSpec().getAddress()));
        return byClaim;
    }

    private void startProvider() throws IOException {
        providerStarts++;
        String name = providerName();
        Optional<Path> recording = jfr ? Optional.of(out.resolve(name + ".jfr")) : Optional.empty();
        provider = ProviderProcess.start(providers, plane.kubeconfig(), mode, out.resolve(name + ".log"), recording);
    }

    private void stopProvider() throws InterruptedException {
        if (provider == null || !provider.isAlive()) {
            return;
        }
        provider.close();
        if (jfr) {
            String name = providerName();
            Path recording = out.resolve(name + ".jfr");
            try {
                profiles.put(name, JfrSummary.of(recording));
            } catch (IOException | RuntimeException e) {
                profiles.put(name, "(no summary: " + e.getMessage() + ")");
            }
        }
    }

    private String providerName() {
        return "provider-" + mode.label() + "-" + runName + "-" + providerStarts;
    }

    private String nextName(String prefix) {
        int next = sequence.merge(prefix, 1, Integer::sum);
        return String.format("%s-%05d", prefix, next);
    }

    private static String label(int count) {
        return count % 1000 == 0 ? (count / 1000) + "k" : Integer.toString(count);
    }

    private static double seconds(Duration duration) {
        return Math.round(duration.toMillis() / 10.0) / 100.0;
    }

    /** Something that must never happen happened: the run stops here and reports it. */
    static final class ViolationException extends RuntimeException {
        private final List<String> violations;

        ViolationException(List<String> violations) {
            super(violations.isEmpty() ? "violation" : violations.get(0));
            this.violations = List.copyOf(violations);
        }

        List<String> violations() {
            return violations;
        }
    }
}

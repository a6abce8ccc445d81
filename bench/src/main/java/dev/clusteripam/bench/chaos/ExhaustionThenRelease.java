package dev.clusteripam.bench.chaos;

import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.IPAddressClaim;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A full pool, claims waiting on it, some claims deleted: the waiting claims are served within seconds. */
final class ExhaustionThenRelease implements Scenario {

    /** "Within seconds": the bound the measured time is held to. */
    static final Duration SERVED_WITHIN = Duration.ofSeconds(10);

    private static final int SIZE = 20;
    private static final int WAITING = 5;

    @Override
    public String name() {
        return "exhaustion-release";
    }

    @Override
    public String promise() {
        return "Claims waiting on a full pool are told PoolExhausted, and are served within " + SERVED_WITHIN.toSeconds()
                + " s of as many claims being deleted.";
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        context.client().resource(Pools.ipPool(context.namespace(), "small", List.of("10.30.0.10-10.30.0.29"), 24)).create();
        context.startProvider("provider", Optional.empty());
        Claims claims = new Claims(context.client(), context.namespace());
        List<String> holders = Claims.names("holder", SIZE);
        for (String name : holders) {
            claims.create(name, "small", Duration.ofSeconds(30));
        }
        Set<String> unserved = claims.awaitReady(holders, Duration.ofSeconds(60));
        context.check("a pool of " + SIZE + " addresses serves " + SIZE + " claims", unserved.isEmpty(), unserved.size() + " not Ready");
        List<String> waiting = Claims.names("waiting", WAITING);
        for (String name : waiting) {
            claims.create(name, "small", Duration.ofSeconds(30));
        }
        boolean told = awaitReason(context, waiting, "PoolExhausted", Duration.ofSeconds(30));
        context.check("claims on the full pool are told PoolExhausted", told, told ? "all " + WAITING + " say so" : "not within 30 s");

        long deleted = System.nanoTime();
        claims.delete(holders.subList(0, WAITING));
        Set<String> stillWaiting = claims.awaitReady(waiting, Duration.ofSeconds(60));
        if (!stillWaiting.isEmpty()) {
            context.check("waiting claims served once addresses are released", false, stillWaiting.size() + " not Ready within 60 s");
            return;
        }
        double seconds = KillLoopDuringBurst.seconds(waiting.stream().mapToLong(claims::readyNanos).max().orElseThrow() - deleted);
        context.figure("secondsFromDeleteToWaitingServed", seconds);
        context.check("waiting claims served within " + SERVED_WITHIN.toSeconds() + " s of the release",
                seconds <= SERVED_WITHIN.toSeconds(), "the last one after " + seconds + " s");
    }

    /** Whether every claim's Ready condition says {@code reason} within {@code timeout}. */
    static boolean awaitReason(ScenarioContext context, List<String> names, String reason, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (names.stream().allMatch(name -> readyCondition(context, name).map(c -> reason.equals(c.getReason())).orElse(false))) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    static Optional<Condition> readyCondition(ScenarioContext context, String name) {
        IPAddressClaim claim = context.client().resources(IPAddressClaim.class).inNamespace(context.namespace()).withName(name).get();
        if (claim == null || claim.getStatus() == null || claim.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return claim.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }
}

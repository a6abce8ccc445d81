package dev.clusteripam.bench.chaos;

import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.bench.chaos.Violation.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** kill -9 of the provider, again and again, while claims arrive over three pools; then every claim is served. */
final class KillLoopDuringBurst implements Scenario {

    @Override
    public String name() {
        return "kill-loop";
    }

    @Override
    public String promise() {
        return "The provider killed with SIGKILL several times while claims arrive over three pools serves every claim once restarted,"
                + " and right after the last claim is Ready the ledger holds exactly one entry per IPAddress (no sweep needed).";
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        List<InClusterIPPool> pools = Pools.slash22s(context.namespace(), "pool", 100, 3);
        pools.forEach(pool -> context.client().resource(pool).create());
        Provider provider = context.startProvider("provider-0", Optional.empty());
        Claims claims = new Claims(context.client(), context.namespace());
        List<String> names = Claims.names("claim", context.size(500, 150));
        Duration over = Duration.ofSeconds(context.size(20, 8));
        int kills = context.size(5, 2);
        Burst burst = Burst.start(claims, names, pools.stream().map(pool -> pool.getMetadata().getName()).toList(), over);
        for (int kill = 1; kill <= kills; kill++) {
            Thread.sleep(over.toMillis() / (kills + 1));
            provider.kill();
            provider = context.startProvider("provider-" + kill, Optional.empty());
        }
        long lastStart = System.nanoTime();
        burst.await(Duration.ofMinutes(3));
        Set<String> unserved = claims.awaitReady(names, Duration.ofMinutes(2));
        context.figure("claims", names.size());
        context.figure("kills", kills);
        context.check("every claim Ready after the last restart", unserved.isEmpty(),
                unserved.isEmpty() ? names.size() + " claims Ready" : unserved.size() + " not Ready within 2 min, e.g. " + unserved.iterator().next());
        if (!unserved.isEmpty()) {
            return;
        }
        context.figure("secondsFromLastRestartToAllReady", seconds(names.stream().mapToLong(claims::readyNanos).max().orElseThrow() - lastStart));
        List<Violation> ledger = InvariantChecker.check(new ClusterReader(context.client()).read()).stream()
                .filter(v -> v.kind() == Kind.LEDGER_EXTRA || v.kind() == Kind.LEDGER_DISAGREES).toList();
        context.figure("leakedLedgerEntriesRightAfterReady", ledger.stream().filter(v -> v.kind() == Kind.LEDGER_EXTRA).count());
        context.check("right after every claim is Ready, one ledger entry per IPAddress and each claim has the address of its entry",
                ledger.isEmpty(), ledger.isEmpty() ? "the ledger agrees" : ledger.size() + " disagreements, e.g. " + ledger.get(0),
                "issue 12 item 3");
    }

    static double seconds(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }
}

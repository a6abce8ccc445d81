package dev.clusteripam.bench.chaos;

import dev.clusteripam.bench.chaos.Violation.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
        List<String> pools = Pools.createBurstPools(context.client(), context.namespace());
        Provider provider = context.startProvider("provider-0", Optional.empty());
        Claims claims = new Claims(context.client(), context.namespace());
        List<String> names = Claims.names("claim", context.size(500, 150));
        Duration over = Duration.ofSeconds(context.size(20, 8));
        int kills = context.size(5, 2);
        Burst burst = Burst.start(claims, names, pools, over);
        for (int kill = 1; kill <= kills; kill++) {
            Thread.sleep(over.toMillis() / (kills + 1));
            provider.kill();
            provider = context.startProvider("provider-" + kill, Optional.empty());
        }
        long lastStart = System.nanoTime();
        burst.await(Duration.ofMinutes(3));
        context.figure("kills", kills);
        if (!context.checkAllReady(claims, names, "every claim Ready after the last restart")) {
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

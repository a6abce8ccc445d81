package dev.clusteripam.bench.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Two replicas both reconciling (no leader election, as a misconfigured Deployment would run them) under a burst. */
final class TwoActiveReplicas implements Scenario {

    @Override
    public String name() {
        return "two-replicas";
    }

    @Override
    public String promise() {
        return "Two replicas running at once without leader election serve a burst over three pools without handing any address twice.";
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        List<String> pools = Pools.createBurstPools(context.client(), context.namespace());
        context.startProvider("replica-a", Optional.empty());
        context.startProvider("replica-b", Optional.empty());
        Claims claims = new Claims(context.client(), context.namespace());
        List<String> names = Claims.names("claim", context.size(500, 150));
        long start = System.nanoTime();
        Burst.start(claims, names, pools, Duration.ofSeconds(context.size(10, 4)))
                .await(Duration.ofMinutes(3));
        if (context.checkAllReady(claims, names, "every claim Ready")) {
            context.figure("secondsToAllReady",
                    KillLoopDuringBurst.seconds(names.stream().mapToLong(claims::readyNanos).max().orElseThrow() - start));
        }
    }
}

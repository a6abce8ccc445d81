package dev.clusteripam.bench.chaos;

import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
        List<InClusterIPPool> pools = Pools.slash22s(context.namespace(), "pool", 100, 3);
        pools.forEach(pool -> context.client().resource(pool).create());
        context.startProvider("replica-a", Optional.empty());
        context.startProvider("replica-b", Optional.empty());
        Claims claims = new Claims(context.client(), context.namespace());
        List<String> names = Claims.names("claim", context.size(500, 150));
        long start = System.nanoTime();
        Burst.start(claims, names, pools.stream().map(pool -> pool.getMetadata().getName()).toList(), Duration.ofSeconds(context.size(10, 4)))
                .await(Duration.ofMinutes(3));
        Set<String> unserved = claims.awaitReady(names, Duration.ofMinutes(2));
        context.figure("claims", names.size());
        context.check("every claim Ready", unserved.isEmpty(),
                unserved.isEmpty() ? names.size() + " claims Ready" : unserved.size() + " not Ready within 2 min, e.g. " + unserved.iterator().next());
        if (unserved.isEmpty()) {
            context.figure("secondsToAllReady",
                    KillLoopDuringBurst.seconds(names.stream().mapToLong(claims::readyNanos).max().orElseThrow() - start));
        }
    }
}

package dev.clusteripam.bench.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The kube-apiserver stopped in the middle of a burst and started again (etcd and its data stay). */
final class ApiServerRestart implements Scenario {

    @Override
    public String name() {
        return "apiserver-restart";
    }

    @Override
    public String promise() {
        return "With the kube-apiserver stopped mid-burst and started again, the same provider process (it does not exit)"
                + " serves every claim once the server is back.";
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        List<String> pools = Pools.createBurstPools(context.client(), context.namespace());
        Provider provider = context.startProvider("provider", Optional.empty());
        Claims claims = new Claims(context.client(), context.namespace());
        List<String> names = Claims.names("claim", context.size(300, 120));
        Duration over = Duration.ofSeconds(context.size(20, 10));
        Duration down = Duration.ofSeconds(context.size(15, 8));
        Burst burst = Burst.start(claims, names, pools, over);
        Thread.sleep(over.toMillis() / 3);
        List<String> command = context.plane().stopApiServer();
        Thread.sleep(down.toMillis());
        context.plane().startApiServer(command, context.client(), Duration.ofSeconds(90));
        long back = System.nanoTime();
        burst.await(Duration.ofMinutes(3));
        context.figure("secondsApiServerDown", down.toSeconds());
        context.check("the provider did not exit", provider.isAlive(),
                provider.exitStatus().map(status -> "it exited with status " + status + "; see " + provider.log()).orElse("still running"));
        if (context.checkAllReady(claims, names, "every claim Ready once the API server is back")) {
            context.figure("secondsFromApiServerBackToAllReady",
                    KillLoopDuringBurst.seconds(names.stream().mapToLong(claims::readyNanos).max().orElseThrow() - back));
        }
    }
}

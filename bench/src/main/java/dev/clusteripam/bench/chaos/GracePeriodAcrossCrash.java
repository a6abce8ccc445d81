package dev.clusteripam.bench.chaos;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A one-address pool with a reuse grace period: its claim deleted, the provider killed at once and
 * restarted, a new claim made. The address goes to the new claim no sooner than the grace period
 * after the old claim's deletionTimestamp, and not much later. Both times are the API server's,
 * to the second, as the provider reads them.
 */
final class GracePeriodAcrossCrash implements Scenario {

    private static final String ADDRESS = "10.40.0.5";

    /** How late after the grace period the address may come: the restart, a requeue, a status write. */
    private static final Duration SLACK = Duration.ofSeconds(15);

    @Override
    public String name() {
        return "grace-across-crash";
    }

    @Override
    public String promise() {
        return "An address under addressReuseGracePeriodSeconds is not handed out again before the grace period after its claim's"
                + " deletionTimestamp, even when the provider is killed (SIGKILL) right after the deletion, and is handed out within "
                + SLACK.toSeconds() + " s after the period.";
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        int grace = context.size(20, 10);
        InClusterIPPool pool = Pools.ipPool(context.namespace(), "one", List.of(ADDRESS), 24);
        pool.getSpec().setAddressReuseGracePeriodSeconds(grace);
        context.client().resource(pool).create();
        Provider provider = context.startProvider("provider-0", Optional.empty());
        Claims claims = new Claims(context.client(), context.namespace());
        claims.create("first", "one", Duration.ofSeconds(30));
        if (!claims.awaitReady(List.of("first"), Duration.ofSeconds(60)).isEmpty()) {
            context.check("the first claim gets the pool's one address", false, "not Ready within 60 s");
            return;
        }
        claims.delete(List.of("first"));
        Instant deletion = Instant.parse(context.client().resources(IPAddressClaim.class).inNamespace(context.namespace())
                .withName("first").get().getMetadata().getDeletionTimestamp());
        provider.kill();
        context.startProvider("provider-1", Optional.empty());
        claims.create("second", "one", Duration.ofSeconds(30));
        Set<String> unserved = claims.awaitReady(List.of("second"), Duration.ofSeconds(grace).plus(SLACK).plusSeconds(30));
        context.figure("gracePeriodSeconds", grace);
        if (!unserved.isEmpty()) {
            context.check("the second claim gets the address after the grace period", false,
                    "not Ready within " + (grace + SLACK.toSeconds() + 30) + " s");
            return;
        }
        IPAddress address = context.client().resources(IPAddress.class).inNamespace(context.namespace()).withName("second").get();
        Instant reused = Instant.parse(address.getMetadata().getCreationTimestamp());
        long after = Duration.between(deletion, reused).toSeconds();
        context.figure("secondsFromDeletionToReuse", after);
        context.check("the address is not reused before the grace period ends", after >= grace,
                ADDRESS + " reused " + after + " s after the first claim's deletionTimestamp; grace period " + grace + " s");
        context.check("the address is reused within " + SLACK.toSeconds() + " s after the grace period", after <= grace + SLACK.toSeconds(),
                "reused " + after + " s after the deletion");
    }
}

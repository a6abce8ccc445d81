package dev.clusteripam.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Fifty TLS connections trickling requests to the webhook while pools are written through the API server. */
final class SlowWebhookClients implements Scenario {

    /** The longest a pool write may take with the slow clients connected. */
    static final Duration ADMITTED_WITHIN = Duration.ofSeconds(1);

    private static final String PATH = "/validate-ipam-cluster-x-k8s-io-v1alpha2-inclusterippool";

    @Override
    public String name() {
        return "slow-webhook-clients";
    }

    @Override
    public String promise() {
        return "With 50 TLS connections trickling headers or a body to the webhook port, pool writes through the API server"
                + " (validated and defaulted by the webhook, failurePolicy Fail) are admitted within " + ADMITTED_WITHIN.toMillis() + " ms.";
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        WebhookCertificates certificates = WebhookCertificates.make(context.dir().resolve("webhook-certs"));
        context.startProvider("provider", Optional.of(certificates));
        WebhookRegistration.register(context.client(), context.repo(), certificates, context.namespace(), Duration.ofSeconds(60));
        List<Long> baseline = writePools(context, "before", 0, 5, Duration.ZERO);
        context.figure("baselineMaxMillis", baseline.stream().mapToLong(Long::longValue).max().orElse(-1));

        int connections = 50;
        Duration hold = Duration.ofSeconds(context.size(40, 25));
        List<Long> during;
        try (SlowClients slow = SlowClients.start(certificates.clientContext(), certificates.port(), PATH, connections, hold)) {
            Thread.sleep(5_000);
            during = writePools(context, "during", 10, context.size(20, 10), Duration.ofSeconds(1));
            context.figure("slowHandshakesCompleted", slow.connected());
            context.figure("slowConnectionsClosedByServer", slow.closedByServer());
            context.figure("slowAttemptsWithoutHandshake", slow.failedToConnect());
        }
        long failed = during.stream().filter(millis -> millis < 0).count();
        long max = during.stream().mapToLong(Long::longValue).max().orElse(-1);
        context.figure("writesWithSlowClients", during.size());
        context.figure("maxMillisWithSlowClients", max);
        context.check("every pool write admitted within " + ADMITTED_WITHIN.toMillis() + " ms with " + connections + " slow clients connected",
                failed == 0 && max <= ADMITTED_WITHIN.toMillis(),
                failed + " of " + during.size() + " writes failed; slowest " + max + " ms", "issue 12 item 2");
    }

    /**
     * Creates pools one after another, {@code pause} apart; returns each one's time in ms, -1 for
     * one that failed (the first failure's message goes into the figures).
     */
    private static List<Long> writePools(ScenarioContext context, String name, int base, int count, Duration pause) throws InterruptedException {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            try {
                context.client().resource(Pools.ipPool(context.namespace(), name + "-" + i, List.of("10." + (base + i) + ".0.0/24"), 24))
                        .create();
                millis.add((System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                if (!millis.contains(-1L)) {
                    context.figure(name + "FirstFailure", Bounded.text(String.valueOf(e.getMessage())));
                }
                millis.add(-1L);
            }
            Thread.sleep(pause.toMillis());
        }
        return millis;
    }
}

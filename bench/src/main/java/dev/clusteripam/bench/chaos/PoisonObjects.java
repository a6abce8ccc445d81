package dev.clusteripam.bench.chaos;

import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ledger.LedgerGroup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Objects the provider cannot use, of every kind it reads, written with no webhook in the way (as
 * when it is absent, down or skipped): the provider keeps serving the other pools, before and
 * after a restart, and says what is wrong with each where a user looks (a condition or event on
 * it, or its log).
 */
final class PoisonObjects implements Scenario {

    private static final String GRACE_FIELD = "addressReuseGracePeriodSeconds";
    private static final long BEYOND_INT32 = 2_147_483_648L;

    private static final Set<String> NOT_REPORTED = Set.of("IPAllocationBlock poison-ledger", "IPAddressClaim poison-foreign");

    private int phase;

    @Override
    public String name() {
        return "poison";
    }

    @Override
    public String promise() {
        return "Poison objects of every kind (a pool whose " + GRACE_FIELD + " is 2^31, written through a loosened CRD; an IPAddress"
                + " with prefix 2^31; a pool with a 1 MB entry; pools, claims and ledger blocks of garbage) neither stop the provider"
                + " nor keep it from serving other pools, across a restart; each is reported where a user looks.";
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        KubernetesClient client = context.client();
        String namespace = context.namespace();
        client.resource(Pools.ipPool(namespace, "healthy", List.of("10.60.0.0/24"), 24)).create();
        Provider provider = context.startProvider("provider-0", Optional.empty());
        Claims claims = new Claims(client, namespace);
        serve(context, claims, "before", 3, "the healthy pool serves before the poison");

        Map<String, String> written = new LinkedHashMap<>();
        // From the mildest to the worst, each followed by the same checks, so the report tells which one stops what.
        write(context, written, "InClusterIPPool poison-garbage", () -> client.resource(pool(namespace, "poison-garbage",
                Map.of("addresses", List.of("not-an-address", "10.63.0.0/99", "10.63.0.9-10.63.0.1"), "prefix", 24))).create());
        write(context, written, "IPAllocationBlock poison-ledger", () -> client.resource(handMade(generic(LedgerGroup.NAME + "/v1alpha1",
                "IPAllocationBlock", null, "poison-ledger", Map.of("poolKind", "InClusterIPPool", "poolNamespace", namespace,
                        "poolName", "poison-garbage", "block", "not-a-number", "holders", Map.of("not-an-address", "no-slash"))))).create());
        write(context, written, "IPAddressClaim on-poison-garbage", () -> client.resource(Claims.claim(namespace, "on-poison-garbage",
                Pools.IP_POOL, "poison-garbage")).create());
        write(context, written, "IPAddressClaim poison-foreign", () -> client.resource(generic("ipam.cluster.x-k8s.io/v1beta2",
                "IPAddressClaim", namespace, "poison-foreign", Map.of("poolRef", Map.of("apiGroup", "example.com", "kind", "Nonsense",
                        "name", "x".repeat(250))))).create());
        afterPoison(context, provider, claims, "garbage pool, ledger block and claims");
        checkForeignClaimUntouched(context);

        write(context, written, "InClusterIPPool poison-huge", () -> client.resource(pool(namespace, "poison-huge",
                Map.of("addresses", List.of("10.62.0.0/24", "1".repeat(1_000_000)), "prefix", 24))).create());
        write(context, written, "IPAddressClaim on-poison-huge", () -> client.resource(Claims.claim(namespace, "on-poison-huge",
                Pools.IP_POOL, "poison-huge")).create());
        afterPoison(context, provider, claims, "a pool with a 1 MB entry");
        checkBoundedMessage(context, written);

        write(context, written, "IPAddress poison-prefix", () -> client.resource(handMade(generic("ipam.cluster.x-k8s.io/v1beta1",
                "IPAddress", namespace, "poison-prefix", Map.of("address", "10.60.0.200", "prefix", BEYOND_INT32,
                        "claimRef", Map.of("name", "nobody"),
                        "poolRef", Map.of("apiGroup", "ipam.cluster.x-k8s.io", "kind", "InClusterIPPool", "name", "healthy"))))).create());
        afterPoison(context, provider, claims, "an IPAddress with prefix 2^31");

        try (LoosenedCrd loosened = LoosenedCrd.loosen(client, "inclusterippools.ipam.cluster.x-k8s.io", GRACE_FIELD)) {
            write(context, written, "InClusterIPPool poison-grace", () -> awaitAccepted(client, pool(namespace, "poison-grace",
                    Map.of("addresses", List.of("10.61.0.0/24"), "prefix", 24, GRACE_FIELD, BEYOND_INT32))));
        }
        write(context, written, "IPAddressClaim on-poison-grace", () -> client.resource(Claims.claim(namespace, "on-poison-grace",
                Pools.IP_POOL, "poison-grace")).create());
        afterPoison(context, provider, claims, "a pool with " + GRACE_FIELD + " 2^31");
        context.figure("poisonWritten", written);

        provider.kill();
        Provider restarted = context.launchProvider("provider-1");
        boolean ready = restarted.awaitReady(Duration.ofSeconds(90));
        context.check("a restarted provider becomes ready with all the poison in place", ready, ready ? "ready"
                : restarted.exitStatus().map(status -> "it exited with status " + status).orElse("not ready within 90 s"), "issue 12 item 1");
        serve(context, claims, "after-restart", 3, "the healthy pool serves after a restart with all the poison in place");
        checkReported(context, written);
    }

    /** The provider still runs and the healthy pool still serves, once the poison has had a few seconds to reach it. */
    private void afterPoison(ScenarioContext context, Provider provider, Claims claims, String poison) throws InterruptedException {
        Thread.sleep(5_000);
        context.check("the provider still runs after " + poison, provider.isAlive(), provider.exitStatus()
                .map(status -> "it exited with status " + status).orElse("still running"), "issue 12 item 1");
        serve(context, claims, "after-" + (++phase), 3, "the healthy pool serves after " + poison);
    }

    /** A claim of another provider's pool kind is not ours: no IPAddress, no status from us. */
    private static void checkForeignClaimUntouched(ScenarioContext context) {
        boolean noAddress = context.client().resources(IPAddress.class).inNamespace(context.namespace())
                .withName("poison-foreign").get() == null;
        boolean noStatus = ExhaustionThenRelease.readyCondition(context, "poison-foreign").isEmpty();
        context.check("a claim of another provider's pool kind is left alone", noAddress && noStatus,
                (noAddress ? "no IPAddress" : "an IPAddress was made") + ", " + (noStatus ? "no condition" : "a Ready condition was written"));
    }

    /** The claim on the pool with a 1 MB entry is told why it is not served, in a message the API server stores. */
    private static void checkBoundedMessage(ScenarioContext context, Map<String, String> written) throws InterruptedException {
        String check = "the claim on the pool with a 1 MB entry is told why, in a message of " + ExcerptPromise.describe();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Optional<Condition> ready = Optional.empty();
        while (ready.isEmpty() && System.nanoTime() < deadline) {
            ready = ExhaustionThenRelease.readyCondition(context, "on-poison-huge");
            Thread.sleep(500);
        }
        ready.ifPresentOrElse(condition -> context.check(check,
                        !"True".equals(condition.getStatus().toString()) && condition.getMessage() != null
                                && ExcerptPromise.keptBy(condition.getMessage()),
                        "Ready " + condition.getStatus() + " " + condition.getReason() + ", message of "
                                + (condition.getMessage() == null ? 0 : condition.getMessage().length()) + " characters", "issue 12 item 4"),
                () -> context.check(check, false, "the claim (" + written.get("IPAddressClaim on-poison-huge")
                        + ") has no Ready condition after 20 s", "issue 12 item 4"));
    }

    /** Makes {@code count} claims on the healthy pool and checks they are Ready within 30 s. */
    private static void serve(ScenarioContext context, Claims claims, String prefix, int count, String check) throws InterruptedException {
        List<String> names = Claims.names(prefix, count);
        for (String name : names) {
            claims.create(name, "healthy", Duration.ofSeconds(30));
        }
        Set<String> unserved = claims.awaitReady(names, Duration.ofSeconds(30));
        context.check(check, unserved.isEmpty(), unserved.isEmpty() ? count + " claims Ready" : unserved.size() + " of " + count
                + " not Ready within 30 s", prefix.equals("before") ? "" : "issue 12 item 1");
    }

    /**
     * Each poison the API server took that the provider has to read is named in an event on it, a
     * condition on it, or a provider log line. Left out: the ledger block (the provider may ignore
     * a block of a pool it cannot serve; that it survives it is checked) and the claim of another
     * provider (it must be left alone: {@link #checkForeignClaimUntouched}).
     */
    private static void checkReported(ScenarioContext context, Map<String, String> written) throws IOException {
        String logs = context.providerLogs();
        for (Map.Entry<String, String> poison : written.entrySet()) {
            if (!poison.getValue().equals("stored") || NOT_REPORTED.contains(poison.getKey())) {
                continue;
            }
            String name = poison.getKey().substring(poison.getKey().indexOf(' ') + 1);
            List<String> where = new ArrayList<>();
            boolean event = context.client().v1().events().inNamespace(context.namespace()).list().getItems().stream()
                    .anyMatch(e -> name.equals(e.getInvolvedObject().getName()));
            if (event) {
                where.add("an event");
            }
            if (hasCondition(context, poison.getKey(), name)) {
                where.add("a condition");
            }
            if (logs.contains(name)) {
                where.add("the log");
            }
            context.check(poison.getKey() + " is reported", !where.isEmpty(),
                    where.isEmpty() ? "no event, condition or log line names it" : "in " + String.join(", ", where), "issue 12 item 1");
        }
    }

    private static boolean hasCondition(ScenarioContext context, String kindAndName, String name) {
        String kind = kindAndName.substring(0, kindAndName.indexOf(' '));
        String apiVersion = switch (kind) {
            case "InClusterIPPool" -> "ipam.cluster.x-k8s.io/v1alpha2";
            case "IPAddressClaim" -> "ipam.cluster.x-k8s.io/v1beta2";
            default -> "";
        };
        if (apiVersion.isEmpty()) {
            return false;
        }
        GenericKubernetesResource object = context.client().genericKubernetesResources(apiVersion, kind).inNamespace(context.namespace())
                .withName(name).get();
        return object != null && object.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                && status.get("conditions") instanceof List<?> conditions && !conditions.isEmpty();
    }

    /** Writes a poison object; records "stored", or the API server's refusal (then there is nothing to survive). */
    private static void write(ScenarioContext context, Map<String, String> written, String what, Runnable write) {
        try {
            write.run();
            written.put(what, "stored");
        } catch (KubernetesClientException e) {
            written.put(what, "refused by the API server: " + Bounded.text(String.valueOf(e.getMessage())));
        }
    }

    /** Creates the object, again while the API server still checks it against the schema it had before the loosening. */
    private static void awaitAccepted(KubernetesClient client, HasMetadata object) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                client.resource(object).create();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 422 || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static GenericKubernetesResource pool(String namespace, String name, Map<String, Object> spec) {
        return generic("ipam.cluster.x-k8s.io/v1alpha2", "InClusterIPPool", namespace, name, spec);
    }

    /** An object of any kind, written as a map: what the model classes would refuse to hold. */
    static GenericKubernetesResource generic(String apiVersion, String kind, String namespace, String name, Map<String, Object> spec) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion(apiVersion);
        object.setKind(kind);
        object.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        object.setAdditionalProperty("spec", spec);
        return object;
    }

    static GenericKubernetesResource handMade(GenericKubernetesResource object) {
        object.getMetadata().setLabels(Map.of(ClusterReader.HAND_MADE_LABEL, "true"));
        return object;
    }
}

package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPoolSpec;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A global pool's {@code spec.namespaceSelector} on the real API server: which namespaces' claims
 * it serves, how a refused claim reads, and what happens when the namespace's labels or the
 * selector change.
 */
@WithKubernetes
class NamespaceSelectorTest {

    private static final MeterRegistry REGISTRY = new SimpleMeterRegistry();

    @RegisterExtension
    static final ProviderForTheClass PROVIDER = new ProviderForTheClass(ProviderMetrics.on(REGISTRY));

    @Test
    void aSelectedNamespaceIsServedAndAnotherIsRefusedUntilItsLabelsChange(KubernetesClient client, ControlPlane plane) {
        label(client, client.getNamespace(), Map.of("team", "blue"));
        String pool = globalPool(client, "blue-only", "10.20.0.0/24", selector(Map.of("team", "blue")));
        ClaimScenarios here = new ClaimScenarios(client);
        here.claim("mine", "GlobalInClusterIPPool", pool);
        assertThat(here.awaitAddress("mine").getSpec().getAddress()).isEqualTo("10.20.0.1");

        String red = namespace(client, "red", Map.of("team", "red"));
        try (KubernetesClient other = plane.newClient(red)) {
            ClaimScenarios there = new ClaimScenarios(other);
            there.claim("theirs", "GlobalInClusterIPPool", pool);

            String message = there.awaitNotReady("theirs", "PoolNotReady");
            assertThat(message).contains("GlobalInClusterIPPool", pool, "does not serve namespace \"" + red + "\"",
                    "team in (blue)");
            assertThat(other.resources(IPAddress.class).withName("theirs").get()).isNull();
            await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> assertThat(other.v1().events().list().getItems())
                    .anyMatch(e -> "theirs".equals(e.getInvolvedObject().getName()) && "PoolNotReady".equals(e.getReason())
                            && "Warning".equals(e.getType()) && e.getMessage().contains(red)));
            assertThat(counter("capi.ipam.namespace.refusals", pool)).isEqualTo(1);

            label(client, red, Map.of("team", "blue"));

            assertThat(there.awaitAddress("theirs").getSpec().getAddress()).isEqualTo("10.20.0.2");
            assertThat(counter("capi.ipam.namespace.refusals", pool)).as("refused once, then served").isEqualTo(1);
        }
    }

    @Test
    void widenedSelectorServesTheClaimsThatWaited(KubernetesClient client) {
        label(client, client.getNamespace(), Map.of("team", "blue"));
        String pool = globalPool(client, "green-only", "10.21.0.0/24", new LabelSelectorBuilder()
                .addNewMatchExpression().withKey("team").withOperator("In").withValues("green").endMatchExpression()
                .build());
        ClaimScenarios here = new ClaimScenarios(client);
        here.claim("waits", "GlobalInClusterIPPool", pool);
        assertThat(here.awaitNotReady("waits", "PoolNotReady")).contains(client.getNamespace());

        client.resources(GlobalInClusterIPPool.class).withName(pool).edit(current -> {
            current.getSpec().getNamespaceSelector().getMatchExpressions().get(0).setValues(List.of("green", "blue"));
            return current;
        });

        assertThat(here.awaitAddress("waits").getSpec().getAddress()).isEqualTo("10.21.0.1");
    }

    @Test
    void anAddressHeldWhenTheSelectorNarrowsStaysAndThePoolReportsIt(KubernetesClient client, ControlPlane plane) {
        label(client, client.getNamespace(), Map.of("team", "blue"));
        String pool = globalPool(client, "narrowed", "10.22.0.0/24", selector(Map.of("team", "blue")));
        ClaimScenarios here = new ClaimScenarios(client);
        here.claim("held", "GlobalInClusterIPPool", pool);
        IPAddress held = here.awaitAddress("held");

        client.resources(GlobalInClusterIPPool.class).withName(pool).edit(current -> {
            current.getSpec().setNamespaceSelector(selector(Map.of("team", "green")));
            return current;
        });

        await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> {
            Condition outside = poolCondition(client, pool, "HeldOutsideSelector").orElseThrow();
            assertThat(outside.getStatus().name()).isEqualTo("TRUE");
            assertThat(outside.getReason()).isEqualTo("AddressesOutsideSelector");
            assertThat(outside.getMessage()).contains("1 IPAddresses", client.getNamespace() + " (1)");
            assertThat(gauge("capi.ipam.pool.addresses.outside.selector", pool)).isEqualTo(1);
        });
        // A claim that holds its address keeps it, and stays Ready, whatever the selector says now; a new one waits.
        String blue = namespace(client, "blue", Map.of("team", "blue"));
        try (KubernetesClient other = plane.newClient(blue)) {
            ClaimScenarios there = new ClaimScenarios(other);
            there.claim("new", "GlobalInClusterIPPool", pool);
            there.awaitNotReady("new", "PoolNotReady");
        }
        assertThat(client.resources(IPAddress.class).withName("held").get().getSpec().getAddress())
                .isEqualTo(held.getSpec().getAddress());
        assertThat(here.readyCondition("held").orElseThrow().getReason()).isEqualTo("Allocated");

        // Only the namespace's labels change (no IPAddress comes or goes): the pool is re-judged all the same.
        label(client, client.getNamespace(), Map.of("team", "green"));

        await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> {
            Condition outside = poolCondition(client, pool, "HeldOutsideSelector").orElseThrow();
            assertThat(outside.getStatus().name()).isEqualTo("FALSE");
            assertThat(outside.getReason()).isEqualTo("NoneOutsideSelector");
            assertThat(gauge("capi.ipam.pool.addresses.outside.selector", pool)).isZero();
        });
    }

    private static LabelSelector selector(Map<String, String> matchLabels) {
        return new LabelSelectorBuilder().withMatchLabels(matchLabels).build();
    }

    /** A global pool named after the test's namespace, so that tests sharing the control plane never meet. */
    private static String globalPool(KubernetesClient client, String name, String cidr, LabelSelector selector) {
        GlobalInClusterIPPool pool = new GlobalInClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(client.getNamespace() + "-" + name).build());
        GlobalInClusterIPPoolSpec spec = new GlobalInClusterIPPoolSpec(List.of(cidr), 24);
        spec.setNamespaceSelector(selector);
        pool.setSpec(spec);
        return client.resource(pool).create().getMetadata().getName();
    }

    /** A namespace of its own for the test, ending in the test namespace's five random characters. */
    private static String namespace(KubernetesClient client, String prefix, Map<String, String> labels) {
        String name = prefix + "-" + client.getNamespace().substring(client.getNamespace().length() - 5);
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build())
                .create();
        return name;
    }

    private static void label(KubernetesClient client, String namespace, Map<String, String> labels) {
        client.namespaces().withName(namespace).edit(current -> {
            current.getMetadata().setLabels(labels);
            return current;
        });
    }

    private static Optional<Condition> poolCondition(KubernetesClient client, String pool, String type) {
        GlobalInClusterIPPool current = client.resources(GlobalInClusterIPPool.class).withName(pool).get();
        return current.getStatus() == null || current.getStatus().getConditions() == null
                ? Optional.empty()
                : current.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static double counter(String name, String pool) {
        Counter counter = REGISTRY.find(name).tags("kind", "GlobalInClusterIPPool", "pool", pool).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double gauge(String name, String pool) {
        Gauge gauge = REGISTRY.find(name).tags("kind", "GlobalInClusterIPPool", "pool", pool).gauge();
        return gauge == null ? -1 : gauge.value();
    }
}

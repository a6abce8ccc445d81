package dev.clusteripam.webhook.onapiserver;

import static dev.clusteripam.webhook.testing.Pools.ipAddress;
import static dev.clusteripam.webhook.testing.Pools.prefixPool;
import static dev.clusteripam.webhook.testing.Pools.prefixes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterPrefixPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolSpec;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.webhook.testing.Pools;
import dev.clusteripam.webhook.testing.Refusal;
import dev.clusteripam.webhook.testing.RunningWebhook;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The prefix pools' validating and defaulting webhooks behind a real kube-apiserver (SPEC 1, 2.10). */
@WithKubernetes
class PrefixPoolAdmissionOnApiServerTest {

    private static final String DENIED =
            "admission webhook \"validation.inclusterprefixpool.ipam.cluster.x-k8s.io\" denied the request: ";

    private static RunningWebhook webhook;

    @BeforeAll
    static void startTheWebhook(ControlPlane plane) throws Exception {
        webhook = RunningWebhook.start(plane);
        webhook.registerAdmission();
    }

    @AfterAll
    static void stopTheWebhook() {
        webhook.close();
    }

    static Stream<Arguments> invalidPools() {
        return Stream.of(
                Arguments.of("an IPv4 prefix", prefixes(64, "10.0.0.0/8"),
                        DENIED + "InClusterPrefixPool.ipam.cluster.x-k8s.io \"pool\" is invalid: spec.prefixes[0]: Invalid"
                                + " value: \"10.0.0.0/8\": is IPv4; prefix pools hand out IPv6 prefixes only"),
                Arguments.of("a prefix that is not network-aligned", prefixes(64, "fd00::1/48"),
                        "spec.prefixes[0]: Invalid value: \"fd00::1/48\": is not network-aligned; the network is fd00::/48"),
                Arguments.of("a prefix longer than the allocation length", prefixes(64, "fd00::/48", "fd01::/72"),
                        "spec.prefixes[1]: Invalid value: \"fd01::/72\": is longer than spec.allocationPrefixLength (64)"),
                Arguments.of("an empty list (the schema's minItems)", prefixes(64),
                        "spec.prefixes: Invalid value: 0: spec.prefixes in body should have at least 1 items"),
                Arguments.of("an IPv4 exclusion", with(prefixes(64, "fd00::/48"), s -> s.setExcludedPrefixes(List.of("10.0.0.1"))),
                        "spec.excludedPrefixes[0]: Invalid value: \"10.0.0.1\": is IPv4 but the pool is IPv6"),
                Arguments.of("an IPv4 gateway (the CRD's CEL rule)", with(prefixes(64, "fd00::/48"), s -> s.setGateway("10.0.0.1")),
                        "spec.gateway \"10.0.0.1\" is not an IPv6 address"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPools")
    void anInvalidPoolIsRefusedNamingFieldAndValue(String scenario, InClusterPrefixPoolSpec spec, String expected,
            KubernetesClient client) {
        InClusterPrefixPool pool = webhook.labeled(prefixPool(client.getNamespace(), "pool", spec));

        KubernetesClientException refusal = Refusal.of(() -> client.resource(pool).create());

        assertThat(refusal.getMessage()).contains(expected);
    }

    @Test
    void theAllocationLengthCannotChange(KubernetesClient client) {
        client.resource(webhook.labeled(prefixPool(client.getNamespace(), "pool", prefixes(64, "fd00::/48")))).create();

        KubernetesClientException refusal = Refusal.of(() -> client.resources(InClusterPrefixPool.class).withName("pool")
                .edit(p -> with(p, s -> s.setAllocationPrefixLength(56))));

        // The CRD's transition rule answers first, with upstream's words; the webhook would say the same.
        assertThat(refusal.getMessage()).contains("spec.allocationPrefixLength: Invalid value: \"integer\": spec.allocationPrefixLength is immutable");
    }

    @Test
    void anExclusionThatCoversAnAllocatedSubPrefixIsRefused(KubernetesClient client) {
        String ns = client.getNamespace();
        client.resource(webhook.labeled(prefixPool(ns, "pool", prefixes(64, "fd00::/48")))).create();
        client.resources(IPAddress.class).resource(ipAddress(ns, "claim-a", "InClusterPrefixPool", "pool", "fd00:0:0:1::", 64)).create();
        PoolIdentity pool = PoolIdentity.of(PoolKind.IN_CLUSTER_PREFIX_POOL, ns, "pool");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> webhook.allocations().addressesOf(pool).size() == 1);

        KubernetesClientException refusal = Refusal.of(() -> client.resources(InClusterPrefixPool.class).withName("pool")
                .edit(p -> with(p, s -> s.setExcludedPrefixes(List.of("fd00:0:0:1::5")))));

        assertThat(refusal.getMessage()).contains(DENIED + "InClusterPrefixPool.ipam.cluster.x-k8s.io \"pool\" is invalid:"
                + " spec.excludedPrefixes: Invalid value: \"fd00:0:0:1::/64\": existing allocations become non-allocatable:"
                + " these allocated prefixes would become excluded; release them before changing the pool");
        assertThatCode(() -> client.resources(InClusterPrefixPool.class).withName("pool")
                .edit(p -> with(p, s -> s.setExcludedPrefixes(List.of("fd00:0:0:2::/64"))))).doesNotThrowAnyException();
    }

    @Test
    void aPrefixPoolWithIPAddressesCannotBeDeleted(KubernetesClient client) {
        String ns = client.getNamespace();
        client.resource(webhook.labeled(prefixPool(ns, "pool", prefixes(64, "fd00::/48")))).create();
        client.resources(IPAddress.class).resource(ipAddress(ns, "claim-a", "InClusterPrefixPool", "pool", "fd00::", 64)).create();
        PoolIdentity pool = PoolIdentity.of(PoolKind.IN_CLUSTER_PREFIX_POOL, ns, "pool");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> webhook.allocations().addressesOf(pool).size() == 1);

        KubernetesClientException refusal = Refusal.of(() -> client.resources(InClusterPrefixPool.class).withName("pool").delete());

        assertThat(refusal.getMessage()).contains(DENIED + "Pool has IPAddresses allocated. Cannot delete Pool until all"
                + " IPAddresses have been removed. 1 IPAddress names InClusterPrefixPool \"" + ns + "/pool\", for example "
                + ns + "/claim-a (fd00::/64)");
    }

    @Test
    void theDefaultingWebhookTurnsALengthOf0Into64AsUpstreamDoes(KubernetesClient client) {
        InClusterPrefixPool pool = webhook.labeled(prefixPool(client.getNamespace(), "pool", prefixes(0, "fd00::/48")));

        InClusterPrefixPool stored = client.resource(pool).create();

        assertThat(stored.getSpec().getAllocationPrefixLength()).isEqualTo(64);
    }

    @Test
    void aGlobalPoolIsCheckedToo(KubernetesClient client) {
        String name = "global-" + webhook.label();
        GlobalInClusterPrefixPool pool = new GlobalInClusterPrefixPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).build());
        pool.setSpec(Pools.asGlobal(prefixes(64, "fd00::/48", "fd01::1/48"), GlobalInClusterPrefixPoolSpec.class));

        try {
            KubernetesClientException refusal = Refusal.of(() -> client.resource(webhook.labeled(pool)).create());

            assertThat(refusal.getMessage()).contains("admission webhook \"validation.globalinclusterprefixpool.ipam.cluster.x-k8s.io\""
                    + " denied the request: GlobalInClusterPrefixPool.ipam.cluster.x-k8s.io \"" + name + "\" is invalid:"
                    + " spec.prefixes[1]: Invalid value: \"fd01::1/48\": is not network-aligned; the network is fd01::/48");
        } finally {
            client.resources(GlobalInClusterPrefixPool.class).withName(name).delete();
        }
    }

    private static InClusterPrefixPoolSpec with(InClusterPrefixPoolSpec spec, Consumer<InClusterPrefixPoolSpec> change) {
        change.accept(spec);
        return spec;
    }

    private static InClusterPrefixPool with(InClusterPrefixPool pool, Consumer<InClusterPrefixPoolSpec> change) {
        change.accept(pool.getSpec());
        return pool;
    }
}

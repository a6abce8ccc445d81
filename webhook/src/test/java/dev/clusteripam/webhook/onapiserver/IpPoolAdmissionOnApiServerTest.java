package dev.clusteripam.webhook.onapiserver;

import static dev.clusteripam.webhook.testing.Pools.addresses;
import static dev.clusteripam.webhook.testing.Pools.globalIpPool;
import static dev.clusteripam.webhook.testing.Pools.ipAddress;
import static dev.clusteripam.webhook.testing.Pools.ipPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSubnet;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import dev.clusteripam.webhook.testing.Refusal;
import dev.clusteripam.webhook.testing.RunningWebhook;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The IP pools' validating webhook behind a real kube-apiserver (SPEC 2.9, 2.10): what an operator
 * writing a pool sees. Some refusals come from the CRD's schema or CEL rules, which run before any
 * validating webhook; they are listed as such, and name field and value all the same.
 */
@WithKubernetes
class IpPoolAdmissionOnApiServerTest {

    private static final String DENIED = "admission webhook \"validation.inclusterippool.ipam.cluster.x-k8s.io\" denied the request: ";

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

    /** Who refuses: our webhook, or the CRD before it. */
    enum RefusedBy { WEBHOOK, SCHEMA }

    static Stream<Arguments> invalidPools() {
        return Stream.of(
                refusal("empty addresses", spec(24), RefusedBy.SCHEMA,
                        "spec.addresses: Invalid value: 0: spec.addresses in body should have at least 1 items"),
                refusal("IPv4 entry that is no address", spec(24, "10.0.0.300"), RefusedBy.SCHEMA,
                        "spec.addresses[0]: Invalid value: \"string\": \"10.0.0.300\" is not an IP address, a range (first-last) or a CIDR"),
                refusal("IPv6 entry that is no address", spec(64, "fd00::/64", "fd00::g1"), RefusedBy.SCHEMA,
                        "spec.addresses[1]: Invalid value: \"string\": \"fd00::g1\" is not an IP address, a range (first-last) or a CIDR"),
                refusal("an IPv4-mapped entry that is no address", spec(96, "::ffff:10.0.0.300"), RefusedBy.WEBHOOK,
                        "spec.addresses[0]: Invalid value: \"::ffff:10.0.0.300\": is not a valid IP address, range (a-b) or CIDR"),
                refusal("IPv4 range that starts after it ends", spec(24, "10.0.0.9-10.0.0.1"), RefusedBy.WEBHOOK,
                        "spec.addresses[0]: Invalid value: \"10.0.0.9-10.0.0.1\": is not a valid IP address, range (a-b) or"
                                + " CIDR: range \"10.0.0.9-10.0.0.1\" starts after it ends"),
                refusal("IPv6 range that starts after it ends", spec(64, "fd00::9-fd00::1"), RefusedBy.WEBHOOK,
                        "spec.addresses[0]: Invalid value: \"fd00::9-fd00::1\""),
                refusal("both families in addresses", spec(24, "10.0.0.1", "fd00::1"), RefusedBy.WEBHOOK,
                        "spec.addresses[1]: Invalid value: \"fd00::1\": is IPv6 but the pool is IPv4"),
                refusal("an IPv6 exclusion in an IPv4 pool", with(spec(24, "10.0.0.0/24"), s -> s.setExcludedAddresses(List.of("fd00::1"))),
                        RefusedBy.WEBHOOK, "spec.excludedAddresses[0]: Invalid value: \"fd00::1\": is IPv6 but the pool is IPv4"),
                refusal("an IPv4 gateway for an IPv6 pool", with(spec(64, "fd00::/64"), s -> s.setGateway("10.0.0.1")),
                        RefusedBy.WEBHOOK, "spec.gateway: Invalid value: \"10.0.0.1\": is IPv4 but the pool is IPv6"),
                refusal("IPv4 addresses outside the prefix", spec(24, "10.1.0.0/24", "10.2.0.5"), RefusedBy.WEBHOOK,
                        "spec.addresses[1]: Invalid value: \"10.2.0.5\": lies outside 10.1.0.0/24"),
                refusal("IPv6 addresses outside the prefix", spec(120, "fd00::/120", "fd00::1:1"), RefusedBy.WEBHOOK,
                        "spec.addresses[1]: Invalid value: \"fd00::1:1\": lies outside fd00::/120"),
                refusal("an IPv4 prefix longer than 32", spec(33, "10.0.0.0/24"), RefusedBy.WEBHOOK,
                        "spec.prefix: Invalid value: \"33\": must be at most 32 for an IPv4 pool"),
                refusal("a gateway with an IPv6 zone", with(spec(64, "fe80::/64"), s -> s.setGateway("fe80::1%eth0")),
                        RefusedBy.WEBHOOK, "spec.gateway: Invalid value: \"fe80::1%eth0\": is not a valid IP address"),
                refusal("a gateway that is no address", with(spec(24, "10.0.0.0/24"), s -> s.setGateway("gw.example")),
                        RefusedBy.SCHEMA, "spec.gateway \"gw.example\" is not an IP address"),
                refusal("a negative grace period", with(spec(24, "10.0.0.0/24"), s -> s.setAddressReuseGracePeriodSeconds(-1)),
                        RefusedBy.SCHEMA, "spec.addressReuseGracePeriodSeconds: Invalid value: -1"),
                refusal("a subnet's gateway of the other family", withSubnets(spec(24, "10.0.0.0/24"), subnet(24, "10.0.1.0/24"),
                        with(subnet(24, "10.0.2.0/24"), s -> s.setGateway("fd00::1"))), RefusedBy.WEBHOOK,
                        "spec.subnets[1].gateway: Invalid value: \"fd00::1\": is IPv6 but the pool is IPv4"),
                refusal("a subnet of the other family", withSubnets(spec(24, "10.0.0.0/24"), subnet(64, "fd00::/64")), RefusedBy.WEBHOOK,
                        "spec.subnets[0].addresses[0]: Invalid value: \"fd00::/64\": is IPv6 but the pool is IPv4; a pool holds one IP family"),
                refusal("a subnet's addresses outside its prefix", withSubnets(spec(24, "10.0.0.0/24"), subnet(24, "10.0.1.0/24", "10.0.3.1")),
                        RefusedBy.WEBHOOK, "spec.subnets[0].addresses[1]: Invalid value: \"10.0.3.1\": lies outside 10.0.1.0/24"),
                refusal("subnets that share addresses", withSubnets(spec(24, "10.0.0.0/24"), subnet(24, "10.0.1.0/24"),
                        subnet(16, "10.0.1.250-10.0.2.5")), RefusedBy.WEBHOOK,
                        "spec.subnets[1].addresses[0]: Invalid value: \"10.0.1.250-10.0.2.5\": overlaps spec.subnets[0].addresses"
                                + " (10.0.1.250-10.0.1.255); the subnets of a pool share no address"),
                refusal("a subnet's IPv4 prefix longer than 32", withSubnets(spec(24, "10.0.0.0/24"), subnet(33, "10.0.1.0/24")),
                        RefusedBy.WEBHOOK, "spec.subnets[0].prefix: Invalid value: \"33\": must be at most 32 for an IPv4 pool"),
                refusal("a subnet's gateway that is no address", withSubnets(spec(24, "10.0.0.0/24"),
                        with(subnet(24, "10.0.1.0/24"), s -> s.setGateway("gw.example"))), RefusedBy.SCHEMA,
                        "spec.subnets[0].gateway: Invalid value: \"string\": gateway \"gw.example\" is not an IP address"),
                refusal("a pre-allocation of the gateway", with(spec(24, "10.0.0.0/24"), s -> {
                    s.setGateway("10.0.0.1");
                    s.setPreAllocations(Map.of("vip", "10.0.0.1"));
                }), RefusedBy.WEBHOOK, "spec.preAllocations[vip]: Invalid value: \"10.0.0.1\": is the gateway"),
                refusal("a pre-allocation value longer than any address", with(spec(24, "10.0.0.0/24"),
                        s -> s.setPreAllocations(Map.of("vip", "1".repeat(65)))), RefusedBy.SCHEMA,
                        "spec.preAllocations: every claim name must be at most 253 characters long and every value at most 64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPools")
    void anInvalidPoolIsRefusedNamingFieldAndValue(String scenario, InClusterIPPoolSpec spec, RefusedBy refusedBy,
            String expected, KubernetesClient client) {
        InClusterIPPool pool = webhook.labeled(ipPool(client.getNamespace(), "pool", spec));

        KubernetesClientException refusal = Refusal.of(() -> client.resource(pool).create());

        assertThat(refusal.getMessage()).contains(expected);
        if (refusedBy == RefusedBy.WEBHOOK) {
            assertThat(refusal.getCode()).isEqualTo(422);
            assertThat(refusal.getStatus().getReason()).isEqualTo("Invalid");
            assertThat(refusal.getMessage()).contains(DENIED + "InClusterIPPool.ipam.cluster.x-k8s.io \"pool\" is invalid: ");
        }
    }

    @Test
    void everyProblemOfAPoolIsListedAtOnceWithItsCause(KubernetesClient client) {
        InClusterIPPool pool = webhook.labeled(ipPool(client.getNamespace(), "pool", with(spec(33, "10.0.0.9-10.0.0.1", "10.0.0.0/24"),
                s -> s.setExcludedAddresses(List.of("fd00::1")))));

        KubernetesClientException refusal = Refusal.of(() -> client.resource(pool).create());

        assertThat(refusal.getMessage()).contains(DENIED + "InClusterIPPool.ipam.cluster.x-k8s.io \"pool\" is invalid: "
                + "[spec.addresses[0]: Invalid value: \"10.0.0.9-10.0.0.1\"");
        assertThat(refusal.getStatus().getDetails().getCauses())
                .extracting(cause -> cause.getField())
                .containsExactly("spec.addresses[0]", "spec.prefix", "spec.excludedAddresses[0]");
    }

    static Stream<Arguments> acceptedPools() {
        return Stream.of(
                Arguments.of("a gateway outside the prefix", with(spec(24, "10.0.0.0/24"), s -> s.setGateway("192.168.0.1"))),
                Arguments.of("overlapping entries", spec(24, "10.0.0.0/24", "10.0.0.5-10.0.0.10", "10.0.0.7")),
                Arguments.of("a CIDR entry that is not network-aligned", spec(24, "10.0.0.5/24")),
                Arguments.of("exclusions outside the prefix", with(spec(24, "10.0.0.0/24"), s -> s.setExcludedAddresses(List.of("10.9.0.0/16")))),
                Arguments.of("an IPv6 pool with an off-link gateway", with(spec(64, "fd00::/64", "fd00::5-fd00::10"),
                        s -> s.setGateway("fe80::1"))),
                Arguments.of("an IPv6 pool with prefix 0", spec(0, "fd00::1")),
                Arguments.of("an IPv4 pool with prefix 0", spec(0, "10.0.0.0/8")),
                Arguments.of("IPv4-mapped IPv6 entries", spec(96, "::ffff:10.0.0.0/120", "::ffff:10.0.1.1")),
                Arguments.of("the unspecified address", with(spec(24, "0.0.0.0-0.0.0.9"), s -> s.setAllocateReservedIPAddresses(true))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedPools")
    void whatUpstreamAcceptsIsAccepted(String scenario, InClusterIPPoolSpec spec, KubernetesClient client) {
        InClusterIPPool pool = webhook.labeled(ipPool(client.getNamespace(), "pool", spec));

        assertThatCode(() -> client.resource(pool).create()).doesNotThrowAnyException();
    }

    @Test
    void warningsReachTheClient(KubernetesClient client) throws Exception {
        InClusterIPPool pool = webhook.labeled(ipPool(client.getNamespace(), "pool",
                with(spec(32, "10.0.0.7"), s -> s.setGateway("10.0.0.1"))));

        HttpResponse<String> response = post(client, "namespaces/" + client.getNamespace() + "/inclusterippools", pool);

        assertThat(response.code()).isEqualTo(201);
        assertThat(response.headers("Warning")).anySatisfy(warning -> assertThat(warning)
                .contains("spec.gateway 10.0.0.1 lies outside the pool's network 10.0.0.7/32; accepted as an off-link gateway"));
        assertThat(response.headers("Warning")).anySatisfy(warning -> assertThat(warning)
                .contains("the pool has no address to hand out"));
    }

    @Test
    void dubiousPoolsAreAcceptedWithAWarningThatSaysWhatTheyDo(KubernetesClient client) throws Exception {
        String ns = client.getNamespace();
        InClusterIPPool wholeSpace = webhook.labeled(ipPool(ns, "whole-space", spec(0, "::/0")));
        InClusterIPPool mappedAndUnaligned = webhook.labeled(ipPool(ns, "mapped", with(spec(96, "::ffff:10.0.0.5/120"),
                s -> s.setAllocateReservedIPAddresses(true))));
        InClusterIPPool unspecified = webhook.labeled(ipPool(ns, "unspecified", with(spec(24, "0.0.0.0-0.0.0.9"),
                s -> s.setAllocateReservedIPAddresses(true))));

        List<String> wholeSpaceWarnings = post(client, "namespaces/" + ns + "/inclusterippools", wholeSpace).headers("Warning");
        List<String> mappedWarnings = post(client, "namespaces/" + ns + "/inclusterippools", mappedAndUnaligned).headers("Warning");
        List<String> unspecifiedWarnings = post(client, "namespaces/" + ns + "/inclusterippools", unspecified).headers("Warning");

        assertThat(String.join("\n", wholeSpaceWarnings))
                .contains("spec.prefix 0 gives every allocated address the whole address space ::/0 as its network")
                .contains("the pool holds 340282366920938463463374607431768211455 addresses, more than status.ipAddresses can count")
                .doesNotContain("IPv4-mapped");
        assertThat(String.join("\n", mappedWarnings))
                .contains("spec.addresses[0] \\\"::ffff:10.0.0.5/120\\\" holds IPv4-mapped IPv6 addresses")
                .contains("is not network-aligned; it is widened to its network ::ffff:10.0.0.0/120, so the addresses from"
                        + " ::ffff:10.0.0.0 on are handed out too");
        assertThat(String.join("\n", unspecifiedWarnings)).contains("the pool hands out as an address the unspecified address 0.0.0.0");
        assertThat(client.resources(InClusterIPPool.class).withName("whole-space").get()).isNotNull();
    }

    @Test
    void aGlobalPoolsNamespaceSelectorThatDoesNotParseIsRefusedNamingTheField(KubernetesClient client) {
        String name = "selector-" + webhook.label();
        GlobalInClusterIPPool pool = webhook.labeled(globalIpPool(name, spec(24, "10.0.0.0/24")));
        pool.getSpec().setNamespaceSelector(new LabelSelectorBuilder()
                .withMatchLabels(Map.of("team", "blue"))
                .addNewMatchExpression().withKey("tier").withOperator("in").withValues("prod").endMatchExpression()
                .build());

        KubernetesClientException refusal = Refusal.of(() -> client.resource(pool).create());

        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getMessage()).contains("admission webhook \"validation.globalinclusterippool.ipam.cluster.x-k8s.io\""
                + " denied the request: GlobalInClusterIPPool.ipam.cluster.x-k8s.io \"" + name
                + "\" is invalid: spec.namespaceSelector.matchExpressions[0].operator: Invalid value: \"in\": is not a"
                + " valid selector operator");
        assertThat(refusal.getStatus().getDetails().getCauses()).extracting(cause -> cause.getField())
                .containsExactly("spec.namespaceSelector.matchExpressions[0].operator");

        pool.getSpec().getNamespaceSelector().getMatchExpressions().get(0).setOperator("In");
        assertThatCode(() -> client.resource(pool).create()).doesNotThrowAnyException();
        client.resource(pool).withGracePeriod(0).delete();
    }

    @Test
    void aMegabyteEntryGetsARefusalOfBoundedSizeNamingTheField(KubernetesClient client) {
        InClusterIPPool pool = webhook.labeled(ipPool(client.getNamespace(), "pool", spec(24, "10.0.0.0/24", "1".repeat(1 << 20))));

        KubernetesClientException refusal = Refusal.of(() -> client.resource(pool).create());

        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getMessage()).contains("spec.addresses[1]").hasSizeLessThan(4 * 1024);
    }

    @Test
    void anUpdateThatStrandsAllocatedAddressesIsRefusedListingThem(KubernetesClient client) {
        String ns = client.getNamespace();
        client.resource(webhook.labeled(ipPool(ns, "pool", spec(24, "10.0.0.0/24")))).create();
        createAddresses(client, PoolIdentity.of(PoolKind.IN_CLUSTER_IP_POOL, ns, "pool"),
                ipAddress(ns, "claim-a", "InClusterIPPool", "pool", "10.0.0.5", 24),
                ipAddress(ns, "claim-b", "InClusterIPPool", "pool", "10.0.0.6", 24),
                ipAddress(ns, "claim-c", "InClusterIPPool", "pool", "10.0.0.50", 24));

        KubernetesClientException shrunk = Refusal.of(() -> client.resources(InClusterIPPool.class).withName("pool")
                .edit(p -> with(p, s -> s.setAddresses(List.of("10.0.0.10-10.0.0.100")))));
        KubernetesClientException excluding = Refusal.of(() -> client.resources(InClusterIPPool.class).withName("pool")
                .edit(p -> with(p, s -> s.setExcludedAddresses(List.of("10.0.0.0/28")))));
        KubernetesClientException onTheGateway = Refusal.of(() -> client.resources(InClusterIPPool.class).withName("pool")
                .edit(p -> with(p, s -> s.setGateway("10.0.0.50"))));

        assertThat(shrunk.getMessage()).contains(DENIED + "InClusterIPPool.ipam.cluster.x-k8s.io \"pool\" is invalid: "
                + "spec.addresses: Invalid value: \"10.0.0.5-10.0.0.6\": pool addresses do not contain allocated addresses:"
                + " they would become outside the pool; release them before changing the pool");
        assertThat(excluding.getMessage()).contains("spec.excludedAddresses: Invalid value: \"10.0.0.5-10.0.0.6\": pool"
                + " addresses do not contain allocated addresses: they would become excluded");
        assertThat(onTheGateway.getMessage()).contains("spec.gateway: Invalid value: \"10.0.0.50\": pool addresses do not"
                + " contain allocated addresses: they would become the gateway");
        assertThatCode(() -> client.resources(InClusterIPPool.class).withName("pool")
                .edit(p -> with(p, s -> s.setAddresses(List.of("10.0.0.5-10.0.0.50"))))).doesNotThrowAnyException();
    }

    @Test
    void anUpdateThatStrandsAddressesOfAnySubnetIsRefusedNamingTheSubnet(KubernetesClient client) {
        String ns = client.getNamespace();
        client.resource(webhook.labeled(ipPool(ns, "subnets", withSubnets(spec(24, "10.0.0.0/24"), subnet(24, "10.0.1.0/24"),
                subnet(24, "10.0.2.0/24"))))).create();
        createAddresses(client, PoolIdentity.of(PoolKind.IN_CLUSTER_IP_POOL, ns, "subnets"),
                ipAddress(ns, "claim-a", "InClusterIPPool", "subnets", "10.0.0.5", 24),
                ipAddress(ns, "claim-b", "InClusterIPPool", "subnets", "10.0.1.5", 24),
                ipAddress(ns, "claim-c", "InClusterIPPool", "subnets", "10.0.2.5", 24));

        KubernetesClientException dropped = Refusal.of(() -> client.resources(InClusterIPPool.class).withName("subnets")
                .edit(p -> with(p, s -> s.setSubnets(List.of(subnet(24, "10.0.1.0/24"))))));
        KubernetesClientException excluding = Refusal.of(() -> client.resources(InClusterIPPool.class).withName("subnets")
                .edit(p -> with(p, s -> s.setSubnets(List.of(subnet(24, "10.0.1.0/24"),
                        with(subnet(24, "10.0.2.0/24"), subnet -> subnet.setGateway("10.0.2.5")))))));

        assertThat(dropped.getMessage()).contains(DENIED + "InClusterIPPool.ipam.cluster.x-k8s.io \"subnets\" is invalid: "
                + "spec.subnets: Invalid value: \"10.0.2.5\": pool addresses do not contain allocated addresses:"
                + " they would become outside the pool; release them before changing the pool");
        assertThat(excluding.getMessage()).contains("spec.subnets[1].gateway: Invalid value: \"10.0.2.5\": pool addresses do not"
                + " contain allocated addresses: they would become the gateway");
        assertThatCode(() -> client.resources(InClusterIPPool.class).withName("subnets")
                .edit(p -> with(p, s -> s.setSubnets(List.of(subnet(24, "10.0.1.0/24"), subnet(24, "10.0.2.0/24"),
                        subnet(24, "10.0.3.0/24")))))).as("appending a subnet").doesNotThrowAnyException();
    }

    @Test
    void aPoolWithIPAddressesCannotBeDeleted(KubernetesClient client) {
        String ns = client.getNamespace();
        client.resource(webhook.labeled(ipPool(ns, "pool", spec(24, "10.0.0.0/24")))).create();
        createAddresses(client, PoolIdentity.of(PoolKind.IN_CLUSTER_IP_POOL, ns, "pool"),
                ipAddress(ns, "claim-b", "InClusterIPPool", "pool", "10.0.0.3", 24),
                ipAddress(ns, "claim-a", "InClusterIPPool", "pool", "10.0.0.2", 24));

        KubernetesClientException refusal = Refusal.of(() -> client.resources(InClusterIPPool.class).withName("pool").delete());

        assertThat(refusal.getCode()).isEqualTo(400);
        assertThat(refusal.getMessage()).contains(DENIED + "Pool has IPAddresses allocated. Cannot delete Pool until all"
                + " IPAddresses have been removed. 2 IPAddresses name InClusterIPPool \"" + ns + "/pool\", for example " + ns
                + "/claim-a (10.0.0.2/24). Delete their IPAddressClaims first.");
        assertThat(client.resources(InClusterIPPool.class).withName("pool").get()).isNotNull();
    }

    @Test
    void theSkipAnnotationLetsClusterctlMoveDeleteAPoolWithIPAddresses(KubernetesClient client) {
        String ns = client.getNamespace();
        InClusterIPPool pool = webhook.labeled(ipPool(ns, "pool", spec(24, "10.0.0.0/24")));
        pool.getMetadata().setAnnotations(Map.of("ipam.cluster.x-k8s.io/skip-validate-delete-webhook", ""));
        client.resource(pool).create();
        createAddresses(client, PoolIdentity.of(PoolKind.IN_CLUSTER_IP_POOL, ns, "pool"),
                ipAddress(ns, "claim-a", "InClusterIPPool", "pool", "10.0.0.2", 24));

        client.resources(InClusterIPPool.class).withName("pool").withTimeout(10, TimeUnit.SECONDS).delete();

        assertThat(client.resources(InClusterIPPool.class).withName("pool").get()).isNull();
    }

    @Test
    void aPoolWithoutIPAddressesIsDeleted(KubernetesClient client) {
        String ns = client.getNamespace();
        client.resource(webhook.labeled(ipPool(ns, "pool", spec(24, "10.0.0.0/24")))).create();
        client.resources(IPAddress.class)
                .resource(ipAddress(ns, "elsewhere", "InClusterIPPool", "another-pool", "10.0.0.2", 24)).create();

        client.resources(InClusterIPPool.class).withName("pool").withTimeout(10, TimeUnit.SECONDS).delete();

        assertThat(client.resources(InClusterIPPool.class).withName("pool").get()).isNull();
    }

    @Test
    void aGlobalPoolCountsIPAddressesOfEveryNamespace(KubernetesClient client, ControlPlane plane) {
        String name = "global-" + webhook.label();
        GlobalInClusterIPPool pool = webhook.labeled(globalIpPool(name, spec(24, "10.0.0.0/24")));
        client.resource(pool).create();
        try (KubernetesClient elsewhere = plane.newClient("default")) {
            IPAddress address = ipAddress(client.getNamespace(), "claim-a", "GlobalInClusterIPPool", name, "10.0.0.2", 24);
            createAddresses(elsewhere, PoolIdentity.of(PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, null, name), address);

            KubernetesClientException refusal = Refusal.of(() -> client.resources(GlobalInClusterIPPool.class).withName(name).delete());

            assertThat(refusal.getMessage()).contains("admission webhook \"validation.globalinclusterippool.ipam.cluster.x-k8s.io\""
                    + " denied the request: Pool has IPAddresses allocated. Cannot delete Pool until all IPAddresses have been"
                    + " removed. 1 IPAddress names GlobalInClusterIPPool \"" + name + "\", for example "
                    + client.getNamespace() + "/claim-a (10.0.0.2/24)");
            client.resource(address).delete();
            awaitAddresses(PoolIdentity.of(PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, null, name), 0);
        } finally {
            client.resources(GlobalInClusterIPPool.class).withName(name).delete();
        }
    }

    @Test
    void aPoolWithoutTheTestLabelIsNotOursToCheck(KubernetesClient client) {
        InClusterIPPool unlabeled = ipPool(client.getNamespace(), "pool", spec(24, "10.0.0.9-10.0.0.1"));

        assertThatCode(() -> client.resource(unlabeled).create()).doesNotThrowAnyException();
    }

    private static void createAddresses(KubernetesClient client, PoolIdentity pool, IPAddress... addresses) {
        for (IPAddress address : addresses) {
            client.resources(IPAddress.class).resource(address).create();
        }
        awaitAddresses(pool, addresses.length);
    }

    /** The webhook answers from its informer; a test goes on once that has seen the test's writes. */
    private static void awaitAddresses(PoolIdentity pool, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> webhook.allocations().addressesOf(pool).size() == count);
    }

    private static HttpResponse<String> post(KubernetesClient client, String resourcePath, Object object) throws Exception {
        URI uri = client.getMasterUrl().toURI().resolve("/apis/ipam.cluster.x-k8s.io/v1alpha2/" + resourcePath);
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder()
                .uri(uri)
                .post("application/json", new KubernetesSerialization().asJson(object))
                .build();
        return client.getHttpClient().sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
    }

    private static Arguments refusal(String scenario, InClusterIPPoolSpec spec, RefusedBy refusedBy, String expected) {
        return Arguments.of(scenario, spec, refusedBy, expected);
    }

    private static InClusterIPPoolSpec spec(int prefix, String... entries) {
        return addresses(prefix, entries);
    }

    private static InClusterIPPoolSpec with(InClusterIPPoolSpec spec, Consumer<InClusterIPPoolSpec> change) {
        change.accept(spec);
        return spec;
    }

    private static InClusterIPPool with(InClusterIPPool pool, Consumer<InClusterIPPoolSpec> change) {
        change.accept(pool.getSpec());
        return pool;
    }

    private static InClusterIPPoolSubnet subnet(int prefix, String... entries) {
        return new InClusterIPPoolSubnet(List.of(entries), prefix);
    }

    private static InClusterIPPoolSubnet with(InClusterIPPoolSubnet subnet, Consumer<InClusterIPPoolSubnet> change) {
        change.accept(subnet);
        return subnet;
    }

    private static InClusterIPPoolSpec withSubnets(InClusterIPPoolSpec spec, InClusterIPPoolSubnet... subnets) {
        spec.setSubnets(List.of(subnets));
        return spec;
    }
}

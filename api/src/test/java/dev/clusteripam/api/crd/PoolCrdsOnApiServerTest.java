package dev.clusteripam.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.ConditionStatus;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolStatus;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSubnet;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolSpec;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Our committed CRDs on a real kube-apiserver: what they store, refuse, accept and show. */
@WithKubernetes
class PoolCrdsOnApiServerTest {

    private static Kubectl kubectl;

    /** hack/control-plane applied them at start; a reused control plane may hold older ones. */
    @BeforeAll
    static void applyTheCommittedCrds(ControlPlane plane) throws IOException {
        try (Stream<Path> files = Files.list(RepositoryFiles.crdBases())) {
            plane.applyCrds(files.sorted().toArray(Path[]::new));
        }
        kubectl = Kubectl.of(plane);
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("ipv4-pool.yaml", InClusterIPPool.class),
                Arguments.of("ipv6-pool.yaml", InClusterIPPool.class),
                Arguments.of("global-ip-pool.yaml", GlobalInClusterIPPool.class),
                Arguments.of("prefix-pool.yaml", InClusterPrefixPool.class),
                Arguments.of("global-prefix-pool.yaml", GlobalInClusterPrefixPool.class));
    }

    @ParameterizedTest
    @MethodSource("samples")
    <T extends CustomResource<?, ?>> void anUpstreamStyleManifestIsStoredAndReadBackUnchanged(
            String sample, Class<T> kind, KubernetesClient client) throws IOException {
        T pool;
        try (InputStream in = getClass().getResourceAsStream("/samples/" + sample)) {
            pool = client.resources(kind).load(in).item();
        }
        nameClusterScopedPoolsAfterTheTest(pool, client);

        create(client, pool);
        try {
            T stored = client.resources(kind).withName(pool.getMetadata().getName()).get();

            assertThat(stored.getSpec()).isEqualTo(pool.getSpec());
        } finally {
            deleteClusterScoped(client, pool);
        }
    }

    @Test
    void aPrefixPoolWithoutAllocationPrefixLengthGetsUpstreamsDefault(KubernetesClient client) {
        InClusterPrefixPoolSpec spec = new InClusterPrefixPoolSpec();
        spec.setPrefixes(List.of("fd00::/48"));

        InClusterPrefixPool stored = create(client, prefixPool("defaulted", spec));

        assertThat(stored.getSpec().getAllocationPrefixLength()).isEqualTo(64);
    }

    static Stream<Arguments> specsUpstreamAccepts() {
        return Stream.of(
                Arguments.of("a gateway outside the prefix", ipSpec(List.of("10.0.0.0/24"), 24, "10.1.0.1")),
                Arguments.of("an empty gateway", ipSpec(List.of("10.0.0.0/24"), 24, "")),
                Arguments.of("overlapping entries", ipSpec(List.of("10.0.0.0/24", "10.0.0.10-10.0.0.20"), 24, null)),
                Arguments.of("a CIDR entry that is not network-aligned", ipSpec(List.of("10.0.0.5/24"), 24, null)),
                Arguments.of("an IPv4-mapped IPv6 gateway", ipSpec(List.of("::ffff:10.0.0.0/120"), 120,
                        "::ffff:10.0.0.1")),
                Arguments.of("an IPv4-mapped IPv6 gateway in hex", ipSpec(List.of("fd00::/120"), 120, "::FFFF:A00:1")),
                Arguments.of("an IPv6 gateway with a zone", ipSpec(List.of("fe80::/64"), 64, "fe80::1%eth0")),
                Arguments.of("an upper-case IPv6 gateway", ipSpec(List.of("fd00::/120"), 120, "FD00::1")),
                Arguments.of("excluded addresses outside the prefix", withExcluded(
                        ipSpec(List.of("10.0.0.0/24"), 24, null), List.of("192.168.0.0/16"))),
                Arguments.of("prefix 0", ipSpec(List.of("10.0.0.0/8"), 0, null)),
                Arguments.of("every form of entry, IPv4", withExcluded(ipSpec(List.of("10.0.0.5", "10.0.0.10-10.0.0.20",
                        "10.0.0.0/25", "10.0.0.200/26"), 24, null), List.of("10.0.0.7", "10.0.0.8-10.0.0.9", "10.0.0.64/30"))),
                Arguments.of("every form of entry, IPv6", withExcluded(ipSpec(List.of("fd00::5", "fd00::10-fd00::20",
                        "fd00::/120", "fd00::1:5/112", "FD00::AB", "::1.2.3.4"), 0, null),
                        List.of("fd00::7", "fd00::8-fd00::9", "fd00::40/126"))),
                Arguments.of("IPv4-mapped IPv6 entries", withExcluded(ipSpec(List.of("::ffff:10.0.0.1", "::ffff:10.0.0.0/120",
                        "::ffff:10.0.0.5-::ffff:10.0.0.9"), 96, null), List.of("::ffff:a00:7"))),
                Arguments.of("the longest entry the webhook accepts", ipSpec(List.of(
                        "0000:0000:0000:0000:0000:ffff:255.255.255.250-0000:0000:0000:0000:0000:ffff:255.255.255.255"), 96, null)),
                Arguments.of("the largest grace period upstream's int32 holds",
                        withGracePeriod(ipSpec(List.of("10.0.0.0/24"), 24, null), Integer.MAX_VALUE)));
    }

    static Stream<Arguments> entriesTheSchemaRefuses() {
        return Stream.of(
                Arguments.of("ten.zero"), Arguments.of("10.0.0.1-ten"), Arguments.of("ten-10.0.0.1"), Arguments.of("10.0.0.0/33"),
                Arguments.of("10.0.0.256"), Arguments.of("010.0.0.1"), Arguments.of("fd00::/129"), Arguments.of("fd00::g"),
                Arguments.of("10.0.0.1 - 10.0.0.5"), Arguments.of(""));
    }

    /** Without the webhook (installed without it, or down with failurePolicy Ignore) the API server refuses garbage alone. */
    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("entriesTheSchemaRefuses")
    void anEntryThatIsNoAddressRangeOrCidrIsRefusedByTheApiServerAlone(String entry, KubernetesClient client) {
        KubernetesClientException addresses = refusal(() -> create(client, ipPool("garbage", ipSpec(List.of("10.0.0.0/24", entry), 24, null))));
        KubernetesClientException excluded = refusal(() -> create(client, ipPool("garbage",
                withExcluded(ipSpec(List.of("10.0.0.0/24"), 24, null), List.of(entry)))));
        InClusterPrefixPoolSpec prefixSpec = new InClusterPrefixPoolSpec(List.of("fd00::/48", entry), 64);
        KubernetesClientException prefixes = refusal(() -> create(client, prefixPool("garbage", prefixSpec)));
        InClusterPrefixPoolSpec excludingSpec = new InClusterPrefixPoolSpec(List.of("fd00::/48"), 64);
        excludingSpec.setExcludedPrefixes(List.of(entry));
        KubernetesClientException excludedPrefixes = refusal(() -> create(client, prefixPool("garbage", excludingSpec)));

        assertThat(addresses.getCode()).isEqualTo(422);
        assertThat(addresses.getMessage()).contains("spec.addresses[1]: Invalid value: \"string\": \"" + entry
                + "\" is not an IP address, a range (first-last) or a CIDR");
        assertThat(excluded.getMessage()).contains("spec.excludedAddresses[0]: Invalid value: \"string\": \"" + entry + "\"");
        assertThat(prefixes.getMessage()).contains("spec.prefixes[1]: Invalid value: \"string\": \"" + entry + "\" is not a CIDR");
        assertThat(excludedPrefixes.getMessage()).contains("spec.excludedPrefixes[0]: Invalid value: \"string\": \"" + entry + "\"");
    }

    /** The runtime cost of the entry rules stays within the API server's budget for the longest lists the schema allows. */
    @Test
    void aPoolWithAsManyOfTheLongestEntriesAsTheSchemaAllowsIsStored(KubernetesClient client) {
        List<String> entries = java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> String.format("0000:0000:0000:0000:0000:%04x:255.255.255.250-0000:0000:0000:0000:0000:%04x:255.255.255.255", i, i))
                .toList();

        InClusterIPPool stored = create(client, ipPool("longest", ipSpec(entries, 0, null)));

        assertThat(stored.getSpec().getAddresses()).hasSize(10_000);
        KubernetesClientException tooMany = refusal(() -> create(client, ipPool("too-many",
                ipSpec(java.util.stream.Stream.concat(entries.stream(), Stream.of("10.0.0.1")).toList(), 0, null))));
        assertThat(tooMany.getMessage()).contains("spec.addresses: Too many: 10001: must have at most 10000 items");
    }

    /** The entry rules' estimated cost over every subnet's entries stays within the CRD's budget, and so does the runtime cost. */
    @Test
    void aPoolWithAsManySubnetsOfTheLongestEntriesAsTheSchemaAllowsIsStored(KubernetesClient client) {
        List<InClusterIPPoolSubnet> subnets = java.util.stream.IntStream.range(0, 32)
                .mapToObj(subnet -> new InClusterIPPoolSubnet(java.util.stream.IntStream.range(0, 256)
                        .mapToObj(i -> String.format("0000:0000:0000:0000:%04x:%04x:255.255.255.250-0000:0000:0000:0000:%04x:%04x:255.255.255.255",
                                subnet + 1, i, subnet + 1, i))
                        .toList(), 0))
                .toList();
        InClusterIPPoolSpec spec = ipSpec(List.of("fd00::1"), 128, null);
        spec.setSubnets(subnets);

        InClusterIPPool stored = create(client, ipPool("longest-subnets", spec));

        assertThat(stored.getSpec().getSubnets()).hasSize(32).allSatisfy(subnet -> assertThat(subnet.getAddresses()).hasSize(256));
        spec.setSubnets(java.util.stream.Stream.concat(subnets.stream(), Stream.of(new InClusterIPPoolSubnet(List.of("fd01::1"), 128)))
                .toList());
        assertThat(refusal(() -> create(client, ipPool("too-many-subnets", spec))).getMessage())
                .contains("spec.subnets: Too many: 33: must have at most 32 items");
    }

    @Test
    void aSubnetsEntryOrGatewayThatIsNoAddressIsRefusedByTheApiServerAloneNamingTheSubnet(KubernetesClient client) {
        InClusterIPPoolSpec spec = ipSpec(List.of("10.0.0.0/24"), 24, null);
        InClusterIPPoolSubnet good = new InClusterIPPoolSubnet(List.of("10.0.1.0/24"), 24);
        InClusterIPPoolSubnet bad = new InClusterIPPoolSubnet(List.of("10.0.2.0/24", "ten.zero"), 24);
        bad.setGateway("10.0.2.256");
        bad.setExcludedAddresses(List.of("10.0.2.0/33"));
        spec.setSubnets(List.of(good, bad, new InClusterIPPoolSubnet(List.of(), 24)));

        KubernetesClientException refusal = refusal(() -> create(client, ipPool("bad-subnet", spec)));

        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getMessage())
                .contains("spec.subnets[1].addresses[1]: Invalid value: \"string\": \"ten.zero\" is not an IP address, a range")
                .contains("spec.subnets[1].excludedAddresses[0]: Invalid value: \"string\": \"10.0.2.0/33\" is not an IP address")
                .contains("spec.subnets[1].gateway: Invalid value: \"string\": gateway \"10.0.2.256\" is not an IP address")
                .contains("spec.subnets[2].addresses").contains("should have at least 1 items");
    }

    @Test
    void aMegabyteEntryIsRefusedWithABoundedMessageNamingTheField(KubernetesClient client) {
        String huge = "1".repeat(1 << 20);

        KubernetesClientException refusal = refusal(() -> create(client, ipPool("huge", ipSpec(List.of(huge), 24, null))));

        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getMessage()).contains("spec.addresses[0]").contains("Too long: may not be more than 128 bytes")
                .hasSizeLessThan(4 * 1024);
    }

    @Test
    void aMegabyteGatewayIsRefusedWithABoundedMessageNamingTheField(KubernetesClient client) {
        KubernetesClientException refusal = refusal(() -> create(client, ipPool("huge-gateway",
                ipSpec(List.of("10.0.0.0/24"), 24, "1".repeat(1 << 20)))));

        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getMessage()).contains("spec.gateway").contains("Too long: may not be more than 128 bytes")
                .hasSizeLessThan(4 * 1024);
    }

    @Test
    void aGracePeriodBeyondUpstreamsInt32IsRefusedByTheApiServerAlone(KubernetesClient client) {
        GenericKubernetesResource pool = new GenericKubernetesResource();
        pool.setApiVersion("ipam.cluster.x-k8s.io/v1alpha2");
        pool.setKind("InClusterIPPool");
        pool.setMetadata(new ObjectMetaBuilder().withName("forever").build());
        pool.setAdditionalProperty("spec", Map.of("addresses", List.of("10.0.0.0/24"), "prefix", 24,
                "addressReuseGracePeriodSeconds", 2147483648L));

        KubernetesClientException refusal = refusal(() -> client.resource(pool).create());

        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getMessage()).contains("spec.addressReuseGracePeriodSeconds")
                .contains("should be less than or equal to 2147483647");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specsUpstreamAccepts")
    void theSchemaAcceptsWhatUpstreamAccepts(String what, InClusterIPPoolSpec spec, KubernetesClient client) {
        InClusterIPPool stored = create(client, ipPool("accepted", spec));

        assertThat(stored.getSpec()).isEqualTo(spec);
    }

    @Test
    void aPrefixPoolAcceptsAnIpv4MappedIpv6Gateway(KubernetesClient client) {
        InClusterPrefixPoolSpec spec = new InClusterPrefixPoolSpec(List.of("fd00::/48"), 64);
        spec.setGateway("::ffff:10.0.0.1");

        assertThat(create(client, prefixPool("mapped-gateway", spec)).getSpec()).isEqualTo(spec);
    }

    @Test
    void aGatewayThatIsNoAddressIsRefusedNamingFieldAndValue(KubernetesClient client) {
        KubernetesClientException refusal = refusal(() ->
                create(client, ipPool("bad-gateway", ipSpec(List.of("10.0.0.0/24"), 24, "10.0.0.256"))));

        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getMessage()).contains("spec.gateway").contains("\"10.0.0.256\" is not an IP address");
    }

    @Test
    void anIpv4GatewayOfAPrefixPoolIsRefused(KubernetesClient client) {
        InClusterPrefixPoolSpec spec = new InClusterPrefixPoolSpec(List.of("fd00::/48"), 64);
        spec.setGateway("10.0.0.1");

        KubernetesClientException refusal = refusal(() -> create(client, prefixPool("ipv4-gateway", spec)));

        assertThat(refusal.getMessage()).contains("spec.gateway").contains("\"10.0.0.1\" is not an IPv6 address");
    }

    @Test
    void changingTheAllocationPrefixLengthIsRefused(KubernetesClient client) {
        create(client, prefixPool("fixed-length", new InClusterPrefixPoolSpec(List.of("fd00::/48"), 64)));

        KubernetesClientException refusal = refusal(() -> client.resources(InClusterPrefixPool.class)
                .withName("fixed-length")
                .edit(pool -> {
                    pool.getSpec().setAllocationPrefixLength(56);
                    return pool;
                }));

        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getMessage()).contains("spec.allocationPrefixLength is immutable");
    }

    @Test
    void changingAnythingElseOfAPrefixPoolIsAllowed(KubernetesClient client) {
        create(client, prefixPool("editable", new InClusterPrefixPoolSpec(List.of("fd00::/48"), 64)));

        InClusterPrefixPool edited = client.resources(InClusterPrefixPool.class).withName("editable").edit(pool -> {
            pool.getSpec().setExcludedPrefixes(List.of("fd00::/64"));
            return pool;
        });

        assertThat(edited.getSpec().getExcludedPrefixes()).containsExactly("fd00::/64");
    }

    static Stream<Arguments> ipPoolSpecsTheSchemaRefuses() {
        return Stream.of(
                Arguments.of("no addresses", ipSpec(List.of(), 24, null), "spec.addresses",
                        "should have at least 1 items"),
                Arguments.of("no prefix", ipSpec(List.of("10.0.0.0/24"), null, null), "spec.prefix", "Required value"),
                Arguments.of("prefix 129", ipSpec(List.of("fd00::/64"), 129, null), "spec.prefix",
                        "should be less than or equal to 128"),
                Arguments.of("a negative grace period", withGracePeriod(ipSpec(List.of("10.0.0.0/24"), 24, null), -1),
                        "spec.addressReuseGracePeriodSeconds", "should be greater than or equal to 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipPoolSpecsTheSchemaRefuses")
    void theSchemaRefusesIpPoolsUpstreamRefuses(String what, InClusterIPPoolSpec spec, String field,
            String message, KubernetesClient client) {
        KubernetesClientException refusal = refusal(() -> create(client, ipPool("refused", spec)));

        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getMessage()).contains(field).contains(message);
    }

    static Stream<Arguments> prefixPoolSpecsTheSchemaRefuses() {
        return Stream.of(
                Arguments.of("no prefixes", new InClusterPrefixPoolSpec(List.of(), 64), "spec.prefixes",
                        "should have at least 1 items"),
                Arguments.of("length 0", new InClusterPrefixPoolSpec(List.of("fd00::/48"), 0),
                        "spec.allocationPrefixLength", "should be greater than or equal to 1"),
                Arguments.of("length 129", new InClusterPrefixPoolSpec(List.of("fd00::/48"), 129),
                        "spec.allocationPrefixLength", "should be less than or equal to 128"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prefixPoolSpecsTheSchemaRefuses")
    void theSchemaRefusesPrefixPoolsUpstreamRefuses(String what, InClusterPrefixPoolSpec spec, String field,
            String message, KubernetesClient client) {
        KubernetesClientException refusal = refusal(() -> create(client, prefixPool("refused", spec)));

        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getMessage()).contains(field).contains(message);
    }

    @Test
    void theStatusIsASubresourceAndKubectlShowsItInUpstreamsColumnsPlusReadyAndAge(KubernetesClient client) {
        InClusterIPPool pool = create(client, ipPool("shown", ipSpec(List.of("10.0.0.0/24"), 24, "10.0.0.1")));
        InClusterIPPoolStatus status = new InClusterIPPoolStatus();
        status.setIpAddresses(new IPAddressCounts(253, 250, 3, 0));
        status.setConditions(List.of(new Condition("Ready", ConditionStatus.TRUE, "PoolReady", "",
                Instant.now().truncatedTo(ChronoUnit.SECONDS))));
        pool.setStatus(status);

        client.resource(pool).updateStatus();
        InClusterIPPool stored = client.resources(InClusterIPPool.class).withName("shown").get();
        String table = kubectl.run("get", "inclusterippools", "shown", "--namespace", client.getNamespace());

        assertThat(stored.getStatus()).isEqualTo(status);
        assertThat(stored.getSpec()).isEqualTo(pool.getSpec());
        assertThat(table.lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NAME", "ADDRESSES", "TOTAL", "FREE", "USED", "READY", "AGE");
        assertThat(table.lines().skip(1).findFirst().orElseThrow().split("\\s+"))
                .startsWith("shown", "[\"10.0.0.0/24\"]", "253", "250", "3", "True");
    }

    @Test
    void conditionsOfDifferentTypesFromDifferentWritersAreKeptSideBySide(KubernetesClient client) {
        create(client, ipPool("two-writers", ipSpec(List.of("10.0.0.0/24"), 24, null)));

        applyStatusCondition(client, "two-writers", "Ready", "provider");
        applyStatusCondition(client, "two-writers", "OverlapChecked", "overlap-checker");

        assertThat(client.resources(InClusterIPPool.class).withName("two-writers").get().getStatus().getConditions())
                .extracting(Condition::getType)
                .containsExactlyInAnyOrder("Ready", "OverlapChecked");
    }

    @Test
    void kubectlExplainDescribesEverySpecField() {
        String explanation = kubectl.run("explain", "inclusterippools.spec");

        for (String field : List.of("addresses", "prefix", "gateway", "excludedAddresses",
                "allocateReservedIPAddresses", "addressReuseGracePeriodSeconds", "subnets")) {
            assertThat(explanation).containsPattern("(?m)^  " + field + "\\s+<[^>]+>.*\\n    \\S");
        }
        String subnets = kubectl.run("explain", "inclusterippools.spec.subnets");
        for (String field : List.of("addresses", "prefix", "gateway", "excludedAddresses")) {
            assertThat(subnets).containsPattern("(?m)^  " + field + "\\s+<[^>]+>.*\\n    \\S");
        }
        String status = kubectl.run("explain", "globalinclusterippools.status.subnets");
        for (String field : List.of("subnet", "network", "total", "free", "used")) {
            assertThat(status).containsPattern("(?m)^  " + field + "\\s+<[^>]+>.*\\n    \\S");
        }
        assertThat(squeezed(explanation)).contains("The addresses the pool hands out, as any mix of single addresses");
    }

    @Test
    void kubectlExplainDescribesTheNamespaceSelectorOfGlobalPoolsOnly() {
        for (String kind : List.of("globalinclusterippools", "globalinclusterprefixpools")) {
            String explanation = squeezed(kubectl.run("explain", kind + ".spec.namespaceSelector"));

            assertThat(explanation).as(kind).contains("Which namespaces' IPAddressClaims the pool serves",
                    "matchExpressions", "matchLabels", "Requirements on the namespace's labels");
        }
        assertThat(squeezed(kubectl.run("explain", "globalinclusterippools.spec.namespaceSelector.matchExpressions"
                + ".operator"))).contains("NotIn: the label is absent or its value is none of values");
        assertThat(kubectl.run("explain", "inclusterippools.spec")).doesNotContain("namespaceSelector");
    }

    private static void applyStatusCondition(KubernetesClient client, String pool, String type, String fieldManager) {
        InClusterIPPool patch = new InClusterIPPool();
        patch.getMetadata().setName(pool);
        patch.getMetadata().setNamespace(client.getNamespace());
        InClusterIPPoolStatus status = new InClusterIPPoolStatus();
        status.setConditions(List.of(new Condition(type, ConditionStatus.TRUE, "Checked", "",
                Instant.now().truncatedTo(ChronoUnit.SECONDS))));
        patch.setStatus(status);
        PatchContext serverSideApply = new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager(fieldManager)
                .build();
        client.resource(patch).subresource("status").patch(serverSideApply, patch);
    }

    private static InClusterIPPoolSpec ipSpec(List<String> addresses, Integer prefix, String gateway) {
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec();
        spec.setAddresses(addresses);
        spec.setPrefix(prefix);
        spec.setGateway(gateway);
        return spec;
    }

    private static InClusterIPPoolSpec withExcluded(InClusterIPPoolSpec spec, List<String> excluded) {
        spec.setExcludedAddresses(excluded);
        return spec;
    }

    private static InClusterIPPoolSpec withGracePeriod(InClusterIPPoolSpec spec, int seconds) {
        spec.setAddressReuseGracePeriodSeconds(seconds);
        return spec;
    }

    private static InClusterIPPool ipPool(String name, InClusterIPPoolSpec spec) {
        InClusterIPPool pool = new InClusterIPPool();
        pool.getMetadata().setName(name);
        pool.setSpec(spec);
        return pool;
    }

    private static InClusterPrefixPool prefixPool(String name, InClusterPrefixPoolSpec spec) {
        InClusterPrefixPool pool = new InClusterPrefixPool();
        pool.getMetadata().setName(name);
        pool.setSpec(spec);
        return pool;
    }

    private static <T extends HasMetadata> T create(KubernetesClient client, T resource) {
        return client.resource(resource).create();
    }

    /** Cluster-scoped objects outlive the test namespace; a name of their own keeps reruns apart. */
    private static void nameClusterScopedPoolsAfterTheTest(HasMetadata pool, KubernetesClient client) {
        if (!(pool instanceof Namespaced)) {
            pool.getMetadata().setName(pool.getMetadata().getName() + "-" + client.getNamespace());
        }
    }

    private static void deleteClusterScoped(KubernetesClient client, HasMetadata pool) {
        if (!(pool instanceof Namespaced)) {
            client.resource(pool).delete();
        }
    }

    private static KubernetesClientException refusal(ThrowingCallable request) {
        return catchThrowableOfType(KubernetesClientException.class, request);
    }

    /** kubectl wraps descriptions; this puts them back on one line. */
    private static String squeezed(String text) {
        return text.replaceAll("\\s+", " ");
    }
}

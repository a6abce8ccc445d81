package dev.clusteripam.app.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaimReference;
import dev.clusteripam.api.capi.IPAddressSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.IpamGroup;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSubnet;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolSpec;
import dev.clusteripam.app.inspect.PoolReport.AddressVerdict;
import dev.clusteripam.app.inspect.PoolReport.Holder;
import dev.clusteripam.app.inspect.PoolReport.SubnetReport;
import dev.clusteripam.app.inspect.PoolReport.Verdict;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.pool.PoolUsage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Given pools and the IPAddresses that hold their addresses, what inspect reports of each. */
class PoolInspectionTest {

    private static final PoolIdentity LAB = PoolIdentity.of(PoolKind.IN_CLUSTER_IP_POOL, "ns", "lab");

    @Test
    void countsAndFreeRangesAreWhatIsLeftBetweenTheHeldAddresses() throws Exception {
        PoolReport report = inspect(labPool(), List.of(held("a", "10.0.0.2"), held("b", "10.0.0.5")), Optional.empty());

        // 10.0.0.1-10.0.0.10 without the gateway .1 and the excluded .8: 8 allocatable.
        assertThat(report.valid()).isTrue();
        assertThat(report.usage()).isEqualTo(new PoolUsage(8, 2, 0, 6));
        assertThat(report.freeRanges()).containsExactly("10.0.0.3-10.0.0.4", "10.0.0.6-10.0.0.7", "10.0.0.9-10.0.0.10");
        assertThat(report.moreFreeRanges()).isZero();
    }

    @Test
    void onlyTheFirstFreeRangesAreListedAndTheRestCounted() throws Exception {
        List<IPAddress> everyOther = new ArrayList<>();
        for (int i = 2; i <= 250; i += 2) {
            everyOther.add(held("c" + i, "10.0.0." + i));
        }
        InClusterIPPool pool = ipPool("10.0.0.1-10.0.0.250", Optional.empty(), List.of());

        PoolReport report = inspect(pool, everyOther, Optional.empty());

        // Free: .1, .3, ..., .249: 125 single-address ranges.
        assertThat(report.freeRanges()).hasSize(PoolInspection.FREE_RANGES_LISTED).startsWith("10.0.0.1", "10.0.0.3");
        assertThat(report.moreFreeRanges()).isEqualTo(125 - PoolInspection.FREE_RANGES_LISTED);
        assertThat(report.usage().free()).isEqualTo(125);
    }

    @Test
    void anAddressIsHeldByItsIPAddressAndClaim() throws Exception {
        PoolReport report = inspect(labPool(), List.of(held("a", "10.0.0.2"), held("b", "10.0.0.7")), Optional.of("10.0.0.7"));

        AddressVerdict verdict = report.address().orElseThrow();
        assertThat(verdict.verdict()).isEqualTo(Verdict.HELD);
        assertThat(verdict.holders()).containsExactly(new Holder("ns", "b", "claim-b"));
        assertThat(verdict.sentence()).isEqualTo("10.0.0.7 is held by IPAddress ns/b (claim ns/claim-b)");
    }

    @Test
    void anAddressNobodyHoldsIsFreeExcludedTheGatewayReservedOrOutside() throws Exception {
        InClusterIPPool reservedToo = ipPool("10.0.0.0-10.0.0.10", Optional.of("10.0.0.1"), List.of("10.0.0.8"));
        assertThat(verdictOf(reservedToo, "10.0.0.4")).isEqualTo(Verdict.FREE);
        assertThat(verdictOf(reservedToo, "10.0.0.8")).isEqualTo(Verdict.EXCLUDED);
        assertThat(verdictOf(reservedToo, "10.0.0.1")).isEqualTo(Verdict.GATEWAY);
        assertThat(verdictOf(reservedToo, "10.0.0.0")).isEqualTo(Verdict.RESERVED);
        assertThat(verdictOf(reservedToo, "10.0.0.11")).isEqualTo(Verdict.OUTSIDE_POOL);
        assertThat(verdictOf(reservedToo, "2001:db8::1")).isEqualTo(Verdict.OTHER_FAMILY);
        assertThat(inspect(reservedToo, List.of(), Optional.of("10.0.0.1")).address().orElseThrow().sentence())
                .isEqualTo("10.0.0.1 is the gateway");
    }

    @Test
    void aHeldAddressThePoolNoLongerHandsOutSaysWhyAndCountsOutOfRange() throws Exception {
        PoolReport report = inspect(labPool(), List.of(held("old", "10.0.0.8")), Optional.of("10.0.0.8"));

        assertThat(report.usage()).isEqualTo(new PoolUsage(8, 1, 1, 8));
        AddressVerdict verdict = report.address().orElseThrow();
        assertThat(verdict.verdict()).isEqualTo(Verdict.HELD);
        assertThat(verdict.notHandedOutBecause()).contains(Verdict.EXCLUDED);
        assertThat(verdict.sentence()).endsWith("; the pool would not hand it out now: it is excluded");
    }

    @Test
    void anInvalidPoolReportsItsErrorsAndCountsWhatNamesItAsOutOfRange() throws Exception {
        InClusterIPPool broken = ipPool("10.0.0.1-10.0.0.10", Optional.empty(), List.of());
        broken.getSpec().setPrefix(40);

        PoolReport report = inspect(broken, List.of(held("a", "10.0.0.2")), Optional.of("10.0.0.3"));

        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).anySatisfy(error -> assertThat(error).startsWith("spec.prefix"));
        assertThat(report.usage()).isEqualTo(new PoolUsage(0, 1, 1, 0));
        assertThat(report.freeRanges()).isEmpty();
        assertThat(report.address().orElseThrow().verdict()).isEqualTo(Verdict.POOL_INVALID);
        AddressVerdict held = inspect(broken, List.of(held("a", "10.0.0.2")), Optional.of("10.0.0.2")).address().orElseThrow();
        assertThat(held.holders()).containsExactly(new Holder("ns", "a", "claim-a"));
        assertThat(held.notHandedOutBecause()).contains(Verdict.POOL_INVALID);
    }

    @Test
    void aPrefixPoolReportsRunsOfFreeSubPrefixesAndWhichSubPrefixHoldsAnAddress() throws Exception {
        PoolIdentity identity = PoolIdentity.of(PoolKind.IN_CLUSTER_PREFIX_POOL, "ns", "pods");
        InClusterPrefixPool pool = new InClusterPrefixPool();
        pool.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("pods").build());
        pool.setSpec(new InClusterPrefixPoolSpec(List.of("2001:db8::/62"), 64));
        IPAddress second = held("second", "2001:db8:0:1::", 64, PoolKind.IN_CLUSTER_PREFIX_POOL, "pods");

        PoolReport report = PoolInspection.of(identity, pool, List.of(second), List.of(),
                Optional.of(IpAddress.parse("2001:db8:0:1::42")));

        assertThat(report.usage()).isEqualTo(new PoolUsage(4, 1, 0, 3));
        assertThat(report.freeRanges()).containsExactly("2001:db8::/64", "2001:db8:0:2::/64 .. 2001:db8:0:3::/64 (2)");
        assertThat(report.address().orElseThrow().holders()).containsExactly(new Holder("ns", "second", "claim-second"));
        assertThat(PoolInspection.of(identity, pool, List.of(second), List.of(), Optional.of(IpAddress.parse("2001:db8:0:4::1")))
                .address().orElseThrow().verdict()).isEqualTo(Verdict.OUTSIDE_POOL);
    }

    @Test
    void poolsThatShareAddressesNameEachOtherAndTheSharedRange() throws Exception {
        SortedMap<PoolIdentity, HasMetadata> pools = new TreeMap<>();
        pools.put(LAB, labPool());
        PoolIdentity global = PoolIdentity.of(PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, "", "wide");
        GlobalInClusterIPPool wide = new GlobalInClusterIPPool();
        wide.setMetadata(new ObjectMetaBuilder().withName("wide").build());
        wide.setSpec(new GlobalInClusterIPPoolSpec(List.of("10.0.0.6-10.0.0.20"), 24));
        pools.put(global, wide);
        ClusterPools cluster = new ClusterPools(pools, List.of(held("a", "10.0.0.2")));

        PoolReport report = PoolInspection.of(LAB, labPool(), cluster.heldBy(LAB), cluster.overlapsOf(LAB), Optional.empty());

        // What the pools may hand out: the lab pool's excluded 10.0.0.8 is not shared.
        assertThat(report.overlaps()).containsExactly(new PoolReport.SharedAddresses(global, "10.0.0.6-10.0.0.7, 10.0.0.9-10.0.0.10"));
        assertThat(cluster.heldBy(LAB)).hasSize(1);
        assertThat(cluster.heldBy(global)).isEmpty();
        assertThat(InspectOutput.text(List.of(report))).containsExactly(
                "InClusterIPPool/ns/lab: 8 total, 1 used, 7 free",
                "  free ranges: 10.0.0.3-10.0.0.7, 10.0.0.9-10.0.0.10",
                "  shares 10.0.0.6-10.0.0.7, 10.0.0.9-10.0.0.10 with GlobalInClusterIPPool/wide");
    }

    @Test
    void theJsonDocumentHoldsEveryFieldOfTheReport() throws Exception {
        PoolReport report = inspect(labPool(), List.of(held("b", "10.0.0.7")), Optional.of("10.0.0.7"));

        JsonNode pool = new ObjectMapper().readTree(InspectOutput.json(List.of(report))).get("pools").get(0);

        assertThat(pool.get("kind").asText()).isEqualTo("InClusterIPPool");
        assertThat(pool.get("namespace").asText()).isEqualTo("ns");
        assertThat(pool.get("name").asText()).isEqualTo("lab");
        assertThat(pool.get("valid").asBoolean()).isTrue();
        assertThat(pool.get("total").asLong()).isEqualTo(8);
        assertThat(pool.get("used").asLong()).isEqualTo(1);
        assertThat(pool.get("free").asLong()).isEqualTo(7);
        assertThat(pool.get("freeRanges").get(0).asText()).isEqualTo("10.0.0.2-10.0.0.6");
        assertThat(pool.get("address").get("verdict").asText()).isEqualTo("held");
        assertThat(pool.get("address").get("holders").get(0).get("claim").asText()).isEqualTo("claim-b");
        assertThat(InspectOutput.jsonName(Verdict.OUTSIDE_POOL)).isEqualTo("outsidePool");
    }

    @Test
    void aPoolOfSeveralSubnetsReportsEachWithItsCountsAndFreeRangesAndNamesTheSubnetOfAnAddress() throws Exception {
        InClusterIPPool pool = labPool();
        InClusterIPPoolSubnet second = new InClusterIPPoolSubnet(List.of("10.0.1.0/29"), 29);
        second.setGateway("10.0.1.1");
        pool.getSpec().setSubnets(List.of(second, new InClusterIPPoolSubnet(List.of("192.168.0.5-192.168.0.6"), 16)));

        PoolReport report = inspect(pool, List.of(held("a", "10.0.0.2"), held("b", "10.0.1.3"), held("c", "192.168.0.5")),
                Optional.of("10.0.1.3"));

        // 8 in the lab subnet; 10.0.1.0/29 without .0, .7 and the gateway .1: 5; 2 in the last.
        assertThat(report.usage()).isEqualTo(new PoolUsage(15, 3, 0, 12));
        assertThat(report.subnets()).extracting(SubnetReport::title, SubnetReport::usage, SubnetReport::freeRanges).containsExactly(
                tuple("spec 10.0.0.0/24 via 10.0.0.1", new PoolUsage(8, 1, 0, 7), List.of("10.0.0.3-10.0.0.7", "10.0.0.9-10.0.0.10")),
                tuple("spec.subnets[0] 10.0.1.0/29 via 10.0.1.1", new PoolUsage(5, 1, 0, 4), List.of("10.0.1.2", "10.0.1.4-10.0.1.6")),
                tuple("spec.subnets[1] 192.168.0.0/16", new PoolUsage(2, 1, 0, 1), List.of("192.168.0.6")));
        assertThat(report.address().orElseThrow().sentence())
                .isEqualTo("10.0.1.3 in spec.subnets[0] (10.0.1.0/29) is held by IPAddress ns/b (claim ns/claim-b)");
        assertThat(inspect(pool, List.of(), Optional.of("10.0.1.7")).address().orElseThrow().sentence())
                .isEqualTo("10.0.1.7 in spec.subnets[0] (10.0.1.0/29) is reserved (network, broadcast or subnet-router anycast address)");
        assertThat(InspectOutput.text(List.of(report))).containsExactly(
                "InClusterIPPool/ns/lab: 15 total, 3 used, 12 free",
                "  free ranges: 10.0.0.3-10.0.0.7, 10.0.0.9-10.0.0.10, 10.0.1.2, 10.0.1.4-10.0.1.6, 192.168.0.6",
                "  subnet spec 10.0.0.0/24 via 10.0.0.1: 8 total, 1 used, 7 free; free ranges: 10.0.0.3-10.0.0.7, 10.0.0.9-10.0.0.10",
                "  subnet spec.subnets[0] 10.0.1.0/29 via 10.0.1.1: 5 total, 1 used, 4 free; free ranges: 10.0.1.2, 10.0.1.4-10.0.1.6",
                "  subnet spec.subnets[1] 192.168.0.0/16: 2 total, 1 used, 1 free; free ranges: 192.168.0.6",
                "  10.0.1.3 in spec.subnets[0] (10.0.1.0/29) is held by IPAddress ns/b (claim ns/claim-b)");
        JsonNode json = new ObjectMapper().readTree(InspectOutput.json(List.of(report))).get("pools").get(0);
        assertThat(json.get("subnets").get(1).get("subnet").asText()).isEqualTo("spec.subnets[0]");
        assertThat(json.get("subnets").get(1).get("gateway").asText()).isEqualTo("10.0.1.1");
        assertThat(json.get("subnets").get(1).get("free").asLong()).isEqualTo(4);
        assertThat(json.get("subnets").get(2).has("gateway")).isFalse();
        assertThat(json.get("address").get("subnet").asText()).isEqualTo("spec.subnets[0] (10.0.1.0/29)");
    }

    @Test
    void aPoolOfOneSubnetListsNoSubnets() throws Exception {
        PoolReport report = inspect(labPool(), List.of(), Optional.of("10.0.0.4"));

        assertThat(report.subnets()).isEmpty();
        assertThat(report.address().orElseThrow().subnet()).isEmpty();
        assertThat(new ObjectMapper().readTree(InspectOutput.json(List.of(report))).get("pools").get(0).get("subnets")).isEmpty();
    }

    @Test
    void preAllocationsAreCountedAsUsedAndEachSaysWhetherItsClaimHoldsIt() throws Exception {
        InClusterIPPool pool = labPool();
        pool.getSpec().setPreAllocations(Map.of("claim-vip", "10.0.0.3", "waiting", "10.0.0.4", "stolen", "10.0.0.6"));

        PoolReport report = inspect(pool, List.of(held("vip", "10.0.0.3"), held("thief", "10.0.0.6")), Optional.of("10.0.0.4"));

        // 8 allocatable; .3 and .6 held, .4 kept for a claim that has not come: 3 used.
        assertThat(report.usage()).isEqualTo(new PoolUsage(8, 3, 0, 5));
        assertThat(report.freeRanges()).containsExactly("10.0.0.2", "10.0.0.5", "10.0.0.7", "10.0.0.9-10.0.0.10");
        assertThat(report.preAllocations()).extracting(PoolReport.PreAllocation::sentence).containsExactly(
                "claim-vip: 10.0.0.3, held by it (IPAddress ns/vip (claim ns/claim-vip))",
                "stolen: 10.0.0.6, held by another object: conflict (IPAddress ns/thief (claim ns/claim-thief))",
                "waiting: 10.0.0.4, waiting for its claim");
        assertThat(report.address().orElseThrow().sentence()).isEqualTo("10.0.0.4 is kept for claim waiting by spec.preAllocations");
        assertThat(inspect(pool, List.of(held("vip", "10.0.0.3")), Optional.of("10.0.0.3")).address().orElseThrow().sentence())
                .isEqualTo("10.0.0.3 is held by IPAddress ns/vip (claim ns/claim-vip); it is kept for claim claim-vip by spec.preAllocations");

        JsonNode json = new ObjectMapper().readTree(InspectOutput.json(List.of(report))).get("pools").get(0);
        assertThat(json.get("preAllocations").get(2).get("claim").asText()).isEqualTo("waiting");
        assertThat(json.get("preAllocations").get(2).get("state").asText()).isEqualTo("waiting");
        assertThat(json.get("preAllocations").get(1).get("state").asText()).isEqualTo("conflict");
        assertThat(json.get("preAllocations").get(1).get("holders").get(0).get("ipAddress").asText()).isEqualTo("thief");
        assertThat(json.get("address").get("verdict").asText()).isEqualTo("kept");
        assertThat(json.get("address").get("keptFor").asText()).isEqualTo("waiting");
        assertThat(InspectOutput.text(List.of(report))).contains("  pre-allocated to waiting: 10.0.0.4, waiting for its claim",
                "  10.0.0.4 is kept for claim waiting by spec.preAllocations");
    }

    private static Verdict verdictOf(HasMetadata pool, String address) throws IpFormatException {
        return inspect(pool, List.of(), Optional.of(address)).address().orElseThrow().verdict();
    }

    private static PoolReport inspect(HasMetadata pool, List<IPAddress> held, Optional<String> address) throws IpFormatException {
        Optional<IpAddress> parsed = address.isPresent() ? Optional.of(IpAddress.parse(address.get())) : Optional.empty();
        return PoolInspection.of(LAB, pool, held, List.of(), parsed);
    }

    /** 10.0.0.1-10.0.0.10/24, gateway 10.0.0.1, 10.0.0.8 excluded. */
    private static InClusterIPPool labPool() {
        return ipPool("10.0.0.1-10.0.0.10", Optional.of("10.0.0.1"), List.of("10.0.0.8"));
    }

    private static InClusterIPPool ipPool(String addresses, Optional<String> gateway, List<String> excluded) {
        InClusterIPPool pool = new InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("lab").build());
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of(addresses), 24);
        gateway.ifPresent(spec::setGateway);
        spec.setExcludedAddresses(excluded);
        pool.setSpec(spec);
        return pool;
    }

    private static IPAddress held(String name, String address) {
        return held(name, address, 24, PoolKind.IN_CLUSTER_IP_POOL, "lab");
    }

    private static IPAddress held(String name, String address, int prefix, PoolKind kind, String pool) {
        IPAddress ip = new IPAddress();
        ip.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).build());
        IPAddressSpec spec = new IPAddressSpec();
        spec.setAddress(address);
        spec.setPrefix(prefix);
        spec.setClaimRef(new IPAddressClaimReference("claim-" + name));
        spec.setPoolRef(new IPPoolReference(IpamGroup.NAME, kind.kind(), pool));
        ip.setSpec(spec);
        return ip;
    }
}

package dev.clusteripam.webhook.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.ConditionStatus;
import dev.clusteripam.api.ipam.v1alpha1.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts;
import dev.clusteripam.api.ipam.v1alpha2.IPSubnetCounts;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolStatus;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSubnet;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's conversion table (api/v1alpha1/conversion_test.go), its round trips, and what we keep beyond it. */
class IpPoolConversionTest {

    private static final String DATA = IpPoolConversion.CONVERSION_DATA_ANNOTATION;

    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final IpPoolConversion conversion = new IpPoolConversion(serialization);

    static Stream<Arguments> upward() {
        return Stream.of(
                Arguments.of("subnet, start, end and prefix", v1alpha1(null, "1.1.1.1/28", "1.1.1.1", "1.1.1.10", 28, "1.1.1.1"),
                        v1alpha2(List.of("1.1.1.1-1.1.1.10"), 28, "1.1.1.1")),
                Arguments.of("addresses only", v1alpha1(List.of("1.1.1.1-1.1.1.10"), null, null, null, 28, "1.1.1.1"),
                        v1alpha2(List.of("1.1.1.1-1.1.1.10"), 28, "1.1.1.1")),
                Arguments.of("prefix from subnet", v1alpha1(null, "1.1.1.0/24", "1.1.1.10", "1.1.1.15", null, "1.1.1.1"),
                        v1alpha2(List.of("1.1.1.10-1.1.1.15"), 24, "1.1.1.1")),
                Arguments.of("start and end from subnet", v1alpha1(null, "1.1.1.0/24", null, null, null, "1.1.1.1"),
                        v1alpha2(List.of("1.1.1.1-1.1.1.254"), 24, "1.1.1.1")),
                Arguments.of("an unaligned subnet", v1alpha1(null, "1.1.1.1/24", null, null, null, null),
                        v1alpha2(List.of("1.1.1.1-1.1.1.254"), 24, null)),
                Arguments.of("an IPv6 subnet, without broadcast but as upstream", v1alpha1(null, "fd00::/120", null, null, null, "fd00::1"),
                        v1alpha2(List.of("fd00::1-fd00::fe"), 120, "fd00::1")),
                Arguments.of("start and end without subnet", v1alpha1(List.of("10.0.0.2"), null, "10.0.0.10", "10.0.0.20", 24, null),
                        v1alpha2(List.of("10.0.0.2", "10.0.0.10-10.0.0.20"), 24, null)),
                Arguments.of("no prefix at all: 0, which v1alpha2 validation refuses", v1alpha1(List.of("10.0.0.2"), null, null, null, null, null),
                        v1alpha2(List.of("10.0.0.2"), 0, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upward")
    void convertsUpAsUpstream(String scenario, InClusterIPPoolSpec legacy, dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec expected)
            throws ConversionException {
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool converted = up(pool(legacy));

        assertThat(converted.getSpec()).isEqualTo(expected);
        assertThat(converted.getApiVersion()).isEqualTo("ipam.cluster.x-k8s.io/v1alpha2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upward")
    void aGlobalPoolConvertsUpTheSame(String scenario, InClusterIPPoolSpec legacy,
            dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec expected) throws ConversionException {
        dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPool pool = new dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName("global").build());
        pool.setSpec(serialization.convertValue(legacy, dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPoolSpec.class));

        assertThat(up(pool).getSpec())
                .isEqualTo(serialization.convertValue(expected, GlobalInClusterIPPoolSpec.class));
    }

    @Test
    void aGlobalPoolKeepsItsNamespaceSelectorBothWays() throws ConversionException {
        LabelSelector selector = new LabelSelectorBuilder().withMatchLabels(Map.of("team", "blue"))
                .addNewMatchExpression().withKey("tier").withOperator("NotIn").withValues("dev").endMatchExpression()
                .build();
        dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPool legacy = new dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPool();
        legacy.setMetadata(new ObjectMetaBuilder().withName("global").build());
        legacy.setSpec(new dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPoolSpec());
        legacy.getSpec().setAddresses(List.of("10.0.0.1-10.0.0.9"));
        legacy.getSpec().setPrefix(24);
        legacy.getSpec().setNamespaceSelector(selector);

        dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool stored = up(legacy);
        dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPool readBack = conversion.toV1alpha1(stored,
                new dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPool(),
                dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPoolSpec.class);

        assertThat(stored.getSpec().getNamespaceSelector()).isEqualTo(selector);
        assertThat(readBack.getSpec().getNamespaceSelector()).isEqualTo(selector);
        assertThat(readBack.getSpec()).isEqualTo(legacy.getSpec());
        assertThat(readBack.getMetadata().getAnnotations()).as("nothing stashed: both versions have the field")
                .isNullOrEmpty();
    }

    @Test
    void convertsDownAddressesPrefixAndGatewayUnmodified() {
        InClusterIPPool converted = down(pool(v1alpha2(List.of("1.1.1.1-1.1.1.10"), 10, "1.2.3.5")));

        assertThat(converted.getSpec()).isEqualTo(v1alpha1(List.of("1.1.1.1-1.1.1.10"), null, null, null, 10, "1.2.3.5"));
        assertThat(converted.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    static Stream<Arguments> roundTrips() {
        return Stream.of(
                Arguments.of("addresses, gateway, prefix", v1alpha1(List.of("1.1.1.1-1.1.1.10"), null, null, null, 16, "1.1.1.1"),
                        v1alpha1(List.of("1.1.1.1-1.1.1.10"), null, null, null, 16, "1.1.1.1")),
                Arguments.of("subnet, start, end", v1alpha1(null, "1.1.1.1/16", "1.1.1.2", "1.1.1.10", 16, "1.1.1.1"),
                        v1alpha1(null, "1.1.1.1/16", "1.1.1.2", "1.1.1.10", 16, "1.1.1.1")),
                Arguments.of("subnet only: the defaults show", v1alpha1(null, "1.1.1.1/24", null, null, null, "1.1.1.1"),
                        v1alpha1(null, "1.1.1.1/24", "1.1.1.1", "1.1.1.254", 24, "1.1.1.1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void aV1alpha1PoolReadsBackAsWritten(String scenario, InClusterIPPoolSpec written, InClusterIPPoolSpec readBack)
            throws ConversionException {
        InClusterIPPool original = pool(written);
        original.getMetadata().setLabels(Map.of("team", "net"));
        original.getMetadata().setAnnotations(Map.of("note", "keep me"));

        InClusterIPPool roundTripped = down(up(original));

        assertThat(roundTripped.getSpec()).isEqualTo(readBack);
        assertThat(roundTripped.getMetadata().getLabels()).isEqualTo(Map.of("team", "net"));
        assertThat(roundTripped.getMetadata().getAnnotations()).isEqualTo(Map.of("note", "keep me"));
        assertThat(roundTripped.getMetadata().getUid()).isEqualTo(original.getMetadata().getUid());
    }

    @Test
    void theSubnetFormIsKeptInUpstreamsAnnotationOnTheStoredPool() throws ConversionException {
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool stored = up(pool(v1alpha1(null, "10.0.0.0/24", null, null, null, null)));

        assertThat(stored.getMetadata().getAnnotations()).containsOnlyKeys(DATA);
        Map<?, ?> data = serialization.unmarshal(stored.getMetadata().getAnnotations().get(DATA), Map.class);
        assertThat(data.get("apiVersion")).isEqualTo("ipam.cluster.x-k8s.io/v1alpha1");
        assertThat(data.get("kind")).isEqualTo("InClusterIPPool");
        assertThat(data.get("spec")).isEqualTo(Map.of("subnet", "10.0.0.0/24", "start", "10.0.0.1", "end", "10.0.0.254", "prefix", 24));
    }

    @Test
    void anAddressesFormNeedsNoAnnotation() throws ConversionException {
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool stored = up(pool(v1alpha1(List.of("10.0.0.5"), null, null, null, 24, null)));

        assertThat(stored.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void aSubnetFormThatNoLongerSaysWhatTheStoredPoolSaysIsNotRestored() throws ConversionException {
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool stored = up(pool(v1alpha1(null, "10.0.0.0/24", null, null, null, null)));
        stored.getSpec().setAddresses(List.of("10.0.0.100-10.0.0.200"));

        InClusterIPPool view = down(stored);

        assertThat(view.getSpec()).isEqualTo(v1alpha1(List.of("10.0.0.100-10.0.0.200"), null, null, null, 24, null));
        assertThat(view.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void aV1alpha1ViewKeepsWhatOnlyV1alpha2ExpressesForAWriteBack() throws ConversionException {
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool stored = pool(v1alpha2(List.of("10.0.0.0/24"), 24, "10.0.0.1"));
        stored.getSpec().setExcludedAddresses(List.of("10.0.0.10-10.0.0.20"));
        stored.getSpec().setAllocateReservedIPAddresses(true);
        stored.getSpec().setAddressReuseGracePeriodSeconds(30);
        InClusterIPPoolStatus status = new InClusterIPPoolStatus();
        status.setIpAddresses(new IPAddressCounts(243, 240, 3, 0));
        status.setConditions(List.of(new Condition("Ready", ConditionStatus.TRUE, "Ready", "serves claims",
                Instant.parse("2026-11-25T10:00:00Z"))));
        stored.setStatus(status);

        InClusterIPPool view = down(stored);
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool writtenBack = up(view);

        assertThat(view.getSpec()).isEqualTo(v1alpha1(List.of("10.0.0.0/24"), null, null, null, 24, "10.0.0.1"));
        assertThat(view.getStatus().getIpAddresses())
                .isEqualTo(new dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts(243, 240, 3, 0));
        assertThat(view.getMetadata().getAnnotations()).containsOnlyKeys(DATA);
        assertThat(writtenBack.getSpec()).isEqualTo(stored.getSpec());
        assertThat(writtenBack.getStatus()).isEqualTo(stored.getStatus());
        assertThat(writtenBack.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void aPoolOfSeveralSubnetsShowsItsFirstInV1alpha1AndRoundTripsExactly() throws ConversionException {
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool stored = pool(v1alpha2(List.of("10.0.0.0/24"), 24, "10.0.0.1"));
        InClusterIPPoolSubnet second = new InClusterIPPoolSubnet(List.of("10.0.1.0/24"), 24);
        second.setGateway("10.0.1.1");
        second.setExcludedAddresses(List.of("10.0.1.9"));
        stored.getSpec().setSubnets(List.of(second, new InClusterIPPoolSubnet(List.of("192.168.0.10-192.168.0.20"), 16)));
        InClusterIPPoolStatus status = new InClusterIPPoolStatus();
        status.setIpAddresses(new IPAddressCounts(517, 515, 2, 0));
        status.setSubnets(List.of(new IPSubnetCounts("spec", "10.0.0.0/24", 253, 251, 2),
                new IPSubnetCounts("spec.subnets[0]", "10.0.1.0/24", 252, 252, 0),
                new IPSubnetCounts("spec.subnets[1]", "192.168.0.0/16", 11, 11, 0)));
        stored.setStatus(status);

        InClusterIPPool view = down(stored);
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool writtenBack = up(view);

        assertThat(view.getSpec()).isEqualTo(v1alpha1(List.of("10.0.0.0/24"), null, null, null, 24, "10.0.0.1"));
        assertThat(view.getMetadata().getAnnotations()).containsOnlyKeys(DATA);
        assertThat(writtenBack.getSpec()).isEqualTo(stored.getSpec());
        assertThat(writtenBack.getStatus()).isEqualTo(stored.getStatus());
        assertThat(writtenBack.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void preAllocationsAloneRoundTripThroughAV1alpha1View() throws ConversionException {
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool stored = pool(v1alpha2(List.of("10.0.0.0/24"), 24, "10.0.0.1"));
        stored.getSpec().setPreAllocations(Map.of("vip", "10.0.0.50", "lb", "10.0.0.51"));

        InClusterIPPool view = down(stored);
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool writtenBack = up(view);

        assertThat(view.getSpec()).isEqualTo(v1alpha1(List.of("10.0.0.0/24"), null, null, null, 24, "10.0.0.1"));
        assertThat(view.getMetadata().getAnnotations()).containsOnlyKeys(DATA);
        assertThat(writtenBack.getSpec()).isEqualTo(stored.getSpec());
        assertThat(writtenBack.getSpec().getPreAllocations()).isEqualTo(Map.of("vip", "10.0.0.50", "lb", "10.0.0.51"));
        assertThat(writtenBack.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void aSubnetThatDoesNotParseFailsTheConversionNamingFieldAndValue() {
        assertThatThrownBy(() -> up(pool(v1alpha1(null, "10.0.0.0/33", null, null, null, null))))
                .isInstanceOf(ConversionException.class)
                .hasMessage("InClusterIPPool \"pool\": spec.subnet: Invalid value: \"10.0.0.0/33\": \"10.0.0.0/33\" is not a CIDR:"
                        + " an IPv4 prefix length is at most 32");
        assertThatThrownBy(() -> up(pool(v1alpha1(null, "255.255.255.255/32", null, null, null, null))))
                .isInstanceOf(ConversionException.class)
                .hasMessage("InClusterIPPool \"pool\": spec.subnet: Invalid value: \"255.255.255.255/32\": has no second address"
                        + " to start from");
    }

    @Test
    void aConversionDataAnnotationThatIsNoJsonIsDropped() throws ConversionException {
        InClusterIPPool legacy = pool(v1alpha1(List.of("10.0.0.5"), null, null, null, 24, null));
        legacy.getMetadata().setAnnotations(Map.of(DATA, "{not json", "note", "kept"));

        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool stored = up(legacy);

        assertThat(stored.getSpec()).isEqualTo(v1alpha2(List.of("10.0.0.5"), 24, null));
        assertThat(stored.getMetadata().getAnnotations()).isEqualTo(Map.of("note", "kept"));
    }

    private dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool up(InClusterIPPool pool) throws ConversionException {
        return conversion.toV1alpha2(pool, new dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool(),
                dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec.class);
    }

    private dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool up(
            dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPool pool) throws ConversionException {
        return conversion.toV1alpha2(pool, new dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool(),
                GlobalInClusterIPPoolSpec.class);
    }

    private InClusterIPPool down(dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool pool) {
        return conversion.toV1alpha1(pool, new InClusterIPPool(), InClusterIPPoolSpec.class);
    }

    private static InClusterIPPool pool(InClusterIPPoolSpec spec) {
        InClusterIPPool pool = new InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("pool").withUid("d1b6e8e4").build());
        pool.setSpec(spec);
        return pool;
    }

    private static dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool pool(dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec spec) {
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool pool = new dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("pool").withUid("d1b6e8e4").build());
        pool.setSpec(spec);
        return pool;
    }

    static InClusterIPPoolSpec v1alpha1(List<String> addresses, String subnet, String start, String end, Integer prefix,
            String gateway) {
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec();
        spec.setAddresses(addresses);
        spec.setSubnet(subnet);
        spec.setStart(start);
        spec.setEnd(end);
        spec.setPrefix(prefix);
        spec.setGateway(gateway);
        return spec;
    }

    static dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec v1alpha2(List<String> addresses, int prefix, String gateway) {
        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec spec = new dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec(addresses, prefix);
        spec.setGateway(gateway);
        return spec;
    }
}

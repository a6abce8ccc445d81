package dev.clusteripam.webhook.admission;

import static dev.clusteripam.webhook.admission.AdmissionRequests.SERIALIZATION;
import static dev.clusteripam.webhook.admission.AdmissionRequests.create;
import static dev.clusteripam.webhook.admission.AdmissionRequests.update;
import static dev.clusteripam.webhook.testing.Pools.addresses;
import static dev.clusteripam.webhook.testing.Pools.globalIpPool;
import static dev.clusteripam.webhook.testing.Pools.ipPool;
import static dev.clusteripam.webhook.testing.Pools.prefixPool;
import static dev.clusteripam.webhook.testing.Pools.prefixes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolSpec;
import dev.clusteripam.core.overlap.OverlapIndex;
import dev.clusteripam.core.overlap.OverlapPolicy;
import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.webhook.allocations.AllocationsUnavailableException;
import dev.clusteripam.webhook.allocations.PoolOverlaps;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Given pools already admitted, a new or changed pool that shares addresses with one is warned about or refused. */
class PoolOverlapAdmissionTest {

    private static final PoolIdentity OTHER = PoolIdentity.of(PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, "", "shared");

    private final OverlapIndex<PoolIdentity> index = new OverlapIndex<>();
    private final PoolOverlaps overlaps = (pool, set) -> index.overlapsWith(set.family(), set.addresses(), Optional.of(pool));

    PoolOverlapAdmissionTest() {
        PoolAddressSet other = PoolAddressSet.of(AddressPool.of(addresses(24, "10.0.0.50-10.0.0.99").toAddressPoolSpec()));
        index.put(OTHER, other.family(), other.addresses());
    }

    private PoolValidation<InClusterIPPoolSpec> ipPools(OverlapPolicy policy, PoolOverlaps with) {
        return new PoolValidation<>(PoolKind.IN_CLUSTER_IP_POOL, new AddressPoolRules<>(InClusterIPPoolSpec.class), new FakePoolAddresses(), with, policy, SERIALIZATION);
    }

    @Test
    void anOverlappingPoolIsAdmittedWithAWarningNamingTheOtherPoolAndTheSharedRange() {
        AdmissionVerdict verdict = ipPools(OverlapPolicy.WARN, overlaps)
                .admit(create(ipPool("ns", "mine", addresses(24, "10.0.0.90-10.0.0.120"))));

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.warnings()).containsExactly("shares addresses with GlobalInClusterIPPool \"shared\": 10.0.0.90-10.0.0.99");
    }

    @Test
    void aPoolBesideTheOthersGetsNoWarning() {
        AdmissionVerdict verdict = ipPools(OverlapPolicy.REFUSE, overlaps)
                .admit(create(ipPool("ns", "mine", addresses(24, "10.0.0.100-10.0.0.120"))));

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.warnings()).isEmpty();
    }

    @Test
    void refuseModeRefusesAnOverlappingPoolNamingTheFieldTheOtherPoolAndTheRange() {
        AdmissionVerdict verdict = ipPools(OverlapPolicy.REFUSE, overlaps)
                .admit(update(ipPool("ns", "mine", addresses(24, "10.0.0.100-10.0.0.120")),
                        ipPool("ns", "mine", addresses(24, "10.0.0.10-10.0.0.60"))));

        Status status = verdict.refusal().orElseThrow();
        assertThat(status.getCode()).isEqualTo(422);
        assertThat(status.getMessage()).isEqualTo("InClusterIPPool.ipam.cluster.x-k8s.io \"mine\" is invalid: spec.addresses: "
                + "Invalid value: \"10.0.0.50-10.0.0.60\": shares these addresses with GlobalInClusterIPPool \"shared\" "
                + "(--overlapping-pools=refuse)");
        assertThat(status.getDetails().getCauses()).extracting(StatusCause::getField, StatusCause::getReason)
                .containsExactly(tuple("spec.addresses", "FieldValueInvalid"));
    }

    @Test
    void exclusiveModeAdmitsWithAWarning() {
        AdmissionVerdict verdict = ipPools(OverlapPolicy.EXCLUSIVE, overlaps)
                .admit(create(ipPool("ns", "mine", addresses(24, "10.0.0.0/24"))));

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.warnings()).singleElement().asString().contains("GlobalInClusterIPPool \"shared\": 10.0.0.50-10.0.0.99");
    }

    @Test
    void aPoolChangedTheOtherPoolsAreCheckedAgainstIsNotCountedAsItsOwnOverlap() {
        AdmissionVerdict verdict = new PoolValidation<>(PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, new AddressPoolRules<>(GlobalInClusterIPPoolSpec.class), new FakePoolAddresses(),
                overlaps, OverlapPolicy.REFUSE, SERIALIZATION)
                .admit(update(globalIpPool("shared", addresses(24, "10.0.0.50-10.0.0.99")), globalIpPool("shared", addresses(24, "10.0.0.40-10.0.0.99"))));

        assertThat(verdict.allowed()).isTrue();
    }

    @Test
    void aPrefixPoolIsCheckedByItsAddresses() {
        PoolAddressSet ipv6 = PoolAddressSet.of(AddressPool.of(addresses(64, "fd00:0:0:3::10-fd00:0:0:3::20").toAddressPoolSpec()));
        index.put(PoolIdentity.of(PoolKind.IN_CLUSTER_IP_POOL, "ns", "v6"), ipv6.family(), ipv6.addresses());
        InClusterPrefixPoolSpec spec = prefixes(64, "fd00::/48");

        AdmissionVerdict verdict = new PoolValidation<>(PoolKind.IN_CLUSTER_PREFIX_POOL, new PrefixPoolRules<>(InClusterPrefixPoolSpec.class), new FakePoolAddresses(),
                overlaps, OverlapPolicy.REFUSE, SERIALIZATION).admit(create(prefixPool("ns", "prefixes", spec)));

        assertThat(verdict.refusal().orElseThrow().getMessage()).contains("spec.prefixes: Invalid value: \"fd00:0:0:3::10-fd00:0:0:3::20\"",
                "InClusterIPPool \"ns/v6\"");
    }

    @Test
    void beforeThePoolsAreLoadedRefuseModeAsksForARetryAndWarnModeAdmitsSayingItDidNotCheck() {
        PoolOverlaps loading = (pool, set) -> {
            throw new AllocationsUnavailableException("the provider is starting");
        };

        AdmissionVerdict refused = ipPools(OverlapPolicy.REFUSE, loading).admit(create(ipPool("ns", "mine", addresses(24, "10.0.0.0/24"))));
        AdmissionVerdict warned = ipPools(OverlapPolicy.WARN, loading).admit(create(ipPool("ns", "mine", addresses(24, "10.0.0.0/24"))));

        assertThat(refused.refusal().orElseThrow().getCode()).isEqualTo(503);
        assertThat(warned.allowed()).isTrue();
        assertThat(warned.warnings()).singleElement().asString().startsWith("not checked for addresses shared with other pools");
    }
}

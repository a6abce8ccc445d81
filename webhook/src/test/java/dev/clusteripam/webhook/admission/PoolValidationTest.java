package dev.clusteripam.webhook.admission;

import static dev.clusteripam.webhook.admission.AdmissionRequests.SERIALIZATION;
import static dev.clusteripam.webhook.admission.AdmissionRequests.create;
import static dev.clusteripam.webhook.admission.AdmissionRequests.delete;
import static dev.clusteripam.webhook.admission.AdmissionRequests.update;
import static dev.clusteripam.webhook.testing.Pools.addresses;
import static dev.clusteripam.webhook.testing.Pools.globalIpPool;
import static dev.clusteripam.webhook.testing.Pools.ipAddress;
import static dev.clusteripam.webhook.testing.Pools.ipPool;
import static dev.clusteripam.webhook.testing.Pools.prefixPool;
import static dev.clusteripam.webhook.testing.Pools.prefixes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolSpec;
import dev.clusteripam.core.overlap.OverlapPolicy;
import dev.clusteripam.webhook.allocations.PoolOverlaps;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolValidationTest {

    private static final PoolOverlaps NO_OTHER_POOLS = (pool, addresses) -> List.of();

    private final FakePoolAddresses allocations = new FakePoolAddresses();
    private final PoolValidation<InClusterIPPoolSpec> ipPools = new PoolValidation<>(PoolKind.IN_CLUSTER_IP_POOL,
            new AddressPoolRules<>(InClusterIPPoolSpec.class), allocations, NO_OTHER_POOLS, OverlapPolicy.WARN, SERIALIZATION);
    private final PoolValidation<GlobalInClusterIPPoolSpec> globalPools = new PoolValidation<>(
            PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, new AddressPoolRules<>(GlobalInClusterIPPoolSpec.class), allocations,
            NO_OTHER_POOLS, OverlapPolicy.WARN, SERIALIZATION);

    @Test
    void aValidPoolIsCreated() {
        AdmissionVerdict verdict = ipPools.admit(create(ipPool("ns", "pool", addresses(24, "10.0.0.10-10.0.0.20"))));

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.warnings()).isEmpty();
    }

    @Test
    void aGatewayOutsideThePrefixIsAcceptedWithAWarning() {
        InClusterIPPoolSpec spec = addresses(24, "10.0.0.0/24");
        spec.setGateway("192.168.0.1");

        AdmissionVerdict verdict = ipPools.admit(create(ipPool("ns", "pool", spec)));

        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.warnings()).singleElement().asString().contains("spec.gateway 192.168.0.1 lies outside");
    }

    @Test
    void anInvalidPoolIsRefusedAsKubernetesRefusesAnInvalidObject() {
        AdmissionVerdict verdict = ipPools.admit(create(ipPool("ns", "pool", addresses(33, "10.0.0.0/24"))));

        assertThat(verdict.allowed()).isFalse();
        Status status = verdict.refusal().orElseThrow();
        assertThat(status.getCode()).isEqualTo(422);
        assertThat(status.getReason()).isEqualTo("Invalid");
        assertThat(status.getMessage()).isEqualTo("InClusterIPPool.ipam.cluster.x-k8s.io \"pool\" is invalid: "
                + "spec.prefix: Invalid value: \"33\": must be at most 32 for an IPv4 pool");
        assertThat(status.getDetails().getKind()).isEqualTo("InClusterIPPool");
        assertThat(status.getDetails().getGroup()).isEqualTo("ipam.cluster.x-k8s.io");
        assertThat(status.getDetails().getName()).isEqualTo("pool");
        assertThat(status.getDetails().getCauses()).extracting(StatusCause::getField, StatusCause::getReason)
                .containsExactly(tuple("spec.prefix", "FieldValueInvalid"));
    }

    @Test
    void everyErrorIsListed() {
        InClusterIPPoolSpec spec = addresses(24, "10.0.0.300", "10.0.0.9-10.0.0.1");
        spec.setAddressReuseGracePeriodSeconds(-1);

        Status status = ipPools.admit(create(ipPool("ns", "pool", spec))).refusal().orElseThrow();

        assertThat(status.getMessage())
                .startsWith("InClusterIPPool.ipam.cluster.x-k8s.io \"pool\" is invalid: [spec.addresses[0]: Invalid value: \"10.0.0.300\"")
                .contains(", spec.addresses[1]: Invalid value: \"10.0.0.9-10.0.0.1\"")
                .endsWith("spec.addressReuseGracePeriodSeconds: Invalid value: \"-1\": must not be negative]");
        assertThat(status.getDetails().getCauses()).extracting(StatusCause::getField)
                .containsExactly("spec.addresses[0]", "spec.addresses[1]", "spec.addressReuseGracePeriodSeconds");
    }

    @Test
    void anUpdateThatWouldStrandAllocatedAddressesIsRefusedListingThemAsRanges() {
        InClusterIPPool old = ipPool("ns", "pool", addresses(24, "10.0.0.0/24"));
        allocations.with(
                ipAddress("ns", "a", "InClusterIPPool", "pool", "10.0.0.5", 24),
                ipAddress("ns", "b", "InClusterIPPool", "pool", "10.0.0.6", 24),
                ipAddress("ns", "c", "InClusterIPPool", "pool", "10.0.0.50", 24),
                ipAddress("other", "d", "InClusterIPPool", "pool", "10.0.0.7", 24));

        AdmissionVerdict verdict = ipPools.admit(update(old, ipPool("ns", "pool", addresses(24, "10.0.0.10-10.0.0.100"))));

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.refusal().orElseThrow().getMessage())
                .isEqualTo("InClusterIPPool.ipam.cluster.x-k8s.io \"pool\" is invalid: spec.addresses: Invalid value: "
                        + "\"10.0.0.5-10.0.0.6\": pool addresses do not contain allocated addresses: they would become outside"
                        + " the pool; release them before changing the pool");
    }

    @Test
    void anUpdateThatKeepsAllocatedAddressesAllocatableIsAllowed() {
        InClusterIPPool old = ipPool("ns", "pool", addresses(24, "10.0.0.0/24"));
        allocations.with(ipAddress("ns", "a", "InClusterIPPool", "pool", "10.0.0.50", 24));

        assertThat(ipPools.admit(update(old, ipPool("ns", "pool", addresses(24, "10.0.0.10-10.0.0.100")))).allowed()).isTrue();
    }

    @Test
    void anUpdateThatLeavesTheSpecAsItWasIsAllowedEvenForAPoolOlderRulesLetIn() {
        InClusterIPPool old = ipPool("ns", "pool", addresses(40, "10.0.0.0/24"));
        InClusterIPPool withFinalizer = ipPool("ns", "pool", addresses(40, "10.0.0.0/24"));
        withFinalizer.getMetadata().getFinalizers().add("ipam.cluster.x-k8s.io/ProtectPool");

        assertThat(ipPools.admit(update(old, withFinalizer)).allowed()).isTrue();
    }

    @Test
    void anUpdateWaitsForTheCacheOfIPAddresses() {
        allocations.loading();

        AdmissionVerdict verdict = ipPools.admit(update(ipPool("ns", "pool", addresses(24, "10.0.0.0/24")),
                ipPool("ns", "pool", addresses(24, "10.0.0.0/25"))));

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.refusal().orElseThrow().getCode()).isEqualTo(503);
        assertThat(verdict.refusal().orElseThrow().getMessage()).isEqualTo("cannot check InClusterIPPool \"pool\" against"
                + " its allocated IPAddresses yet (the cache of IPAddresses is still loading); retry shortly");
    }

    @Test
    void aPoolThatIPAddressesNameCannotBeDeleted() {
        allocations.with(
                ipAddress("ns", "zeta", "InClusterIPPool", "pool", "10.0.0.9", 24),
                ipAddress("ns", "alpha", "InClusterIPPool", "pool", "10.0.0.2", 24),
                ipAddress("ns", "other-pool", "InClusterIPPool", "another", "10.0.0.3", 24));

        AdmissionVerdict verdict = ipPools.admit(delete(ipPool("ns", "pool", addresses(24, "10.0.0.0/24"))));

        assertThat(verdict.allowed()).isFalse();
        Status status = verdict.refusal().orElseThrow();
        assertThat(status.getCode()).isEqualTo(400);
        assertThat(status.getMessage()).isEqualTo("Pool has IPAddresses allocated. Cannot delete Pool until all"
                + " IPAddresses have been removed. 2 IPAddresses name InClusterIPPool \"ns/pool\", for example"
                + " ns/alpha (10.0.0.2/24). Delete their IPAddressClaims first.");
    }

    @Test
    void theSkipAnnotationLetsAPoolWithIPAddressesBeDeleted() {
        allocations.with(ipAddress("ns", "a", "InClusterIPPool", "pool", "10.0.0.2", 24));
        InClusterIPPool pool = ipPool("ns", "pool", addresses(24, "10.0.0.0/24"));
        pool.getMetadata().setAnnotations(Map.of("ipam.cluster.x-k8s.io/skip-validate-delete-webhook", ""));

        assertThat(ipPools.admit(delete(pool)).allowed()).isTrue();
    }

    @Test
    void aPoolNoIPAddressNamesIsDeleted() {
        allocations.with(ipAddress("ns", "a", "GlobalInClusterIPPool", "pool", "10.0.0.2", 24));

        assertThat(ipPools.admit(delete(ipPool("ns", "pool", addresses(24, "10.0.0.0/24")))).allowed()).isTrue();
    }

    @Test
    void aGlobalPoolCountsIPAddressesOfEveryNamespace() {
        allocations.with(
                ipAddress("one", "a", "GlobalInClusterIPPool", "pool", "10.0.0.2", 24),
                ipAddress("two", "b", "GlobalInClusterIPPool", "pool", "10.0.0.3", 24));
        GlobalInClusterIPPool pool = globalIpPool("pool", addresses(24, "10.0.0.0/24"));

        assertThat(globalPools.admit(delete(pool)).refusal().orElseThrow().getMessage())
                .contains("2 IPAddresses name GlobalInClusterIPPool \"pool\", for example one/a (10.0.0.2/24)");
    }

    @Test
    void aGlobalPoolWithAValidNamespaceSelectorIsCreated() {
        GlobalInClusterIPPool pool = globalIpPool("pool", addresses(24, "10.0.0.0/24"));
        pool.getSpec().setNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("team", "blue"))
                .addNewMatchExpression().withKey("example.com/tier").withOperator("Exists").endMatchExpression()
                .build());

        assertThat(globalPools.admit(create(pool)).allowed()).isTrue();
    }

    @Test
    void aNamespaceSelectorThatDoesNotParseIsRefusedNamingTheFieldAndValue() {
        GlobalInClusterIPPool pool = globalIpPool("pool", addresses(24, "10.0.0.0/24"));
        pool.getSpec().setNamespaceSelector(new LabelSelectorBuilder()
                .addNewMatchExpression().withKey("team").withOperator("Equals").withValues("blue").endMatchExpression()
                .addNewMatchExpression().withKey("tier").withOperator("In").endMatchExpression()
                .build());

        AdmissionVerdict verdict = globalPools.admit(create(pool));

        Status status = verdict.refusal().orElseThrow();
        assertThat(status.getDetails().getCauses()).extracting(StatusCause::getField)
                .containsExactly("spec.namespaceSelector.matchExpressions[0].operator",
                        "spec.namespaceSelector.matchExpressions[1].values");
        assertThat(status.getMessage()).contains(
                "spec.namespaceSelector.matchExpressions[0].operator: Invalid value: \"Equals\": is not a valid"
                        + " selector operator");
    }

    @Test
    void aSelectorChangeAloneIsCheckedOnUpdate() {
        GlobalInClusterIPPool old = globalIpPool("pool", addresses(24, "10.0.0.0/24"));
        GlobalInClusterIPPool changed = globalIpPool("pool", addresses(24, "10.0.0.0/24"));
        changed.getSpec().setNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("team", "-blue"))
                .build());

        assertThat(globalPools.admit(update(old, changed)).refusal().orElseThrow().getMessage())
                .contains("spec.namespaceSelector.matchLabels[team]: Invalid value: \"-blue\"");
    }

    @Test
    void aPrefixPoolKeepsItsAllocationLength() {
        PoolValidation<?> prefixPools =
                new PoolValidation<>(PoolKind.IN_CLUSTER_PREFIX_POOL, new PrefixPoolRules<>(InClusterPrefixPoolSpec.class),
                        allocations, NO_OTHER_POOLS, OverlapPolicy.WARN, SERIALIZATION);
        InClusterPrefixPool old = prefixPool("ns", "pool", prefixes(64, "fd00::/48"));

        AdmissionVerdict verdict = prefixPools.admit(update(old, prefixPool("ns", "pool", prefixes(56, "fd00::/48"))));

        assertThat(verdict.refusal().orElseThrow().getMessage()).isEqualTo("InClusterPrefixPool.ipam.cluster.x-k8s.io"
                + " \"pool\" is invalid: spec.allocationPrefixLength: Invalid value: \"56\": is immutable (it was 64)");
    }

    @Test
    void aPrefixPoolUpdateMayNotExcludeAnAllocatedSubPrefix() {
        PoolValidation<?> prefixPools =
                new PoolValidation<>(PoolKind.IN_CLUSTER_PREFIX_POOL, new PrefixPoolRules<>(InClusterPrefixPoolSpec.class),
                        allocations, NO_OTHER_POOLS, OverlapPolicy.WARN, SERIALIZATION);
        allocations.with(ipAddress("ns", "a", "InClusterPrefixPool", "pool", "fd00:0:0:1::", 64));
        InClusterPrefixPool old = prefixPool("ns", "pool", prefixes(64, "fd00::/48"));
        InClusterPrefixPool excluding = prefixPool("ns", "pool", prefixes(64, "fd00::/48"));
        excluding.getSpec().setExcludedPrefixes(List.of("fd00:0:0:1::5"));

        AdmissionVerdict verdict = prefixPools.admit(update(old, excluding));

        assertThat(verdict.refusal().orElseThrow().getMessage()).isEqualTo("InClusterPrefixPool.ipam.cluster.x-k8s.io"
                + " \"pool\" is invalid: spec.excludedPrefixes: Invalid value: \"fd00:0:0:1::/64\": existing allocations become"
                + " non-allocatable: these allocated prefixes would become excluded; release them before changing the pool");
    }

    @Test
    void aValueTheModelCannotHoldIsRefusedNamingFieldAndValue() {
        InClusterIPPool pool = ipPool("ns", "pool", addresses(24, "10.0.0.0/24"));
        pool.getSpec().setAddressReuseGracePeriodSeconds(7);
        AdmissionRequest request = create(pool);
        String tooLarge = SERIALIZATION.asJson(pool).replace("\"addressReuseGracePeriodSeconds\":7", "\"addressReuseGracePeriodSeconds\":2147483648");
        request.setObject(SERIALIZATION.unmarshal(tooLarge, Map.class));

        Status status = ipPools.admit(request).refusal().orElseThrow();

        assertThat(status.getCode()).isEqualTo(422);
        assertThat(status.getMessage()).isEqualTo("InClusterIPPool.ipam.cluster.x-k8s.io \"pool\" is invalid:"
                + " spec.addressReuseGracePeriodSeconds: Invalid value: \"2147483648\": must be a 32-bit integer"
                + " (-2147483648 to 2147483647)");
        assertThat(status.getDetails().getCauses()).extracting(StatusCause::getField)
                .containsExactly("spec.addressReuseGracePeriodSeconds");
    }

    @Test
    void aMegabyteEntryGetsARefusalOfBoundedSizeNamingTheField() {
        String huge = "x".repeat(1 << 20);
        AdmissionVerdict verdict = ipPools.admit(create(ipPool("ns", "pool", addresses(24, "10.0.0.0/24", huge))));

        Status status = verdict.refusal().orElseThrow();
        assertThat(status.getMessage()).startsWith("InClusterIPPool.ipam.cluster.x-k8s.io \"pool\" is invalid:"
                + " spec.addresses[1]: Invalid value: \"" + "x".repeat(256) + "…").hasSizeLessThan(2 * 1024);
        assertThat(SERIALIZATION.asJson(status)).hasSizeLessThan(4 * 1024);
    }

    @Test
    void aRequestWithoutAnObjectIsABadRequest() {
        AdmissionRequest request = create(ipPool("ns", "pool", addresses(24, "10.0.0.0/24")));
        request.setObject("not an object");

        Status status = ipPools.admit(request).refusal().orElseThrow();

        assertThat(status.getCode()).isEqualTo(400);
        assertThat(status.getMessage()).isEqualTo("InClusterIPPool pool: the request carries no object to check");
    }

    @Test
    void connectIsNotOurs() {
        AdmissionRequest request = create(ipPool("ns", "pool", addresses(24, "10.0.0.0/24")));
        request.setOperation("CONNECT");

        assertThat(ipPools.admit(request).allowed()).isTrue();
    }
}

package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.controller.pool.PoolReconciler;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SPEC 2.1-2.8 and the section 5 scenarios, end to end on the real API server. */
@WithKubernetes
class ClaimReconcilerTest {

    @RegisterExtension
    static final ProviderForTheClass PROVIDER = new ProviderForTheClass();

    @Test
    void aSubnetWithAGatewayHandsOutFromItsThirdAddress(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));
        assertThat(List.of("a", "b", "c")).map(name -> {
            given.claim(name, "InClusterIPPool", "pool");
            return given.awaitAddress(name).getSpec().getAddress();
        }).containsExactly("10.0.0.2", "10.0.0.3", "10.0.0.4");
    }

    @Test
    void theIpAddressIsShapedAsTheContractSays(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterIPPool pool = given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));
        IPAddressClaim claim = given.claim("machine-0", "InClusterIPPool", "pool");

        IPAddress address = given.awaitAddress("machine-0");

        assertThat(address.getSpec().getAddress()).isEqualTo("10.0.0.2");
        assertThat(address.getSpec().getPrefix()).isEqualTo(24);
        assertThat(address.getSpec().getGateway()).isEqualTo("10.0.0.1");
        assertThat(address.getSpec().getClaimRef().getName()).isEqualTo("machine-0");
        assertThat(address.getSpec().getPoolRef().getKind()).isEqualTo("InClusterIPPool");
        assertThat(address.getMetadata().getFinalizers()).containsExactly("ipam.cluster.x-k8s.io/ProtectAddress");
        assertThat(address.getMetadata().getOwnerReferences()).extracting(OwnerReference::getKind, OwnerReference::getUid,
                OwnerReference::getController, OwnerReference::getBlockOwnerDeletion).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("IPAddressClaim", claim.getMetadata().getUid(), true, true),
                org.assertj.core.groups.Tuple.tuple("InClusterIPPool", pool.getMetadata().getUid(), false, true));
        IPAddressClaim served = client.resources(IPAddressClaim.class).withName("machine-0").get();
        assertThat(served.getMetadata().getFinalizers()).contains("ipam.cluster.x-k8s.io/ReleaseAddress");
    }

    @Test
    void aReleasedAddressGoesToTheNextClaim(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));
        List.of("a", "b", "c").forEach(name -> {
            given.claim(name, "InClusterIPPool", "pool");
            given.awaitAddress(name);
        });
        given.deleteClaim("b");
        assertThat(client.resources(IPAddress.class).withName("b").get()).as("b's IPAddress is released").isNull();
        given.claim("d", "InClusterIPPool", "pool");
        assertThat(given.awaitAddress("d").getSpec().getAddress()).isEqualTo("10.0.0.3");
    }

    @Test
    void aFullPoolSaysSoAndServesTheWaitingClaimOnceAnAddressIsReleased(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("small", 24, List.of("10.0.0.10-10.0.0.12"), Optional.empty());
        assertThat(List.of("a", "b", "c")).map(name -> {
            given.claim(name, "InClusterIPPool", "small");
            return given.awaitAddress(name).getSpec().getAddress();
        }).containsExactly("10.0.0.10", "10.0.0.11", "10.0.0.12");

        given.claim("d", "InClusterIPPool", "small");
        assertThat(given.awaitNotReady("d", "PoolExhausted")).contains("InClusterIPPool/" + client.getNamespace() + "/small");

        given.deleteClaim("b");
        assertThat(given.awaitAddress("d").getSpec().getAddress()).isEqualTo("10.0.0.11");
    }

    @Test
    void aClaimWaitsForItsPoolAndIsServedWhenThePoolAppears(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.claim("early", "InClusterIPPool", "later");
        assertThat(given.awaitNotReady("early", "PoolNotReady")).contains("later").contains("does not exist");

        given.ipPool("later", 120, List.of("fd00::/120"), Optional.of("fd00::1"));
        assertThat(given.awaitAddress("early").getSpec().getAddress()).isEqualTo("fd00::2");
    }

    @Test
    void anIpv6SubnetWithoutGatewayStartsAfterItsAnycastAddress(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("v6", 120, List.of("fd00::/120"), Optional.empty());
        given.claim("a", "InClusterIPPool", "v6");
        assertThat(given.awaitAddress("a").getSpec().getAddress()).isEqualTo("fd00::1");
    }

    @Test
    void aPrefixPoolHandsOutSubPrefixesSkippingExclusions(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.prefixPool("prefixes", 64, List.of("fd00::/48"), List.of("fd00:0:0:1::/64"));
        assertThat(List.of("a", "b")).map(name -> {
            given.claim(name, "InClusterPrefixPool", "prefixes");
            IPAddress address = given.awaitAddress(name);
            return address.getSpec().getAddress() + "/" + address.getSpec().getPrefix();
        }).containsExactly("fd00::/64", "fd00:0:0:2::/64");
    }

    @Test
    void claimsOfOtherProvidersAreNeverTouched(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.empty());
        given.claim("foreign", "ipam.metal3.io", "IPPool", "pool", Map.of());
        given.claim("foreign-kind", "ipam.cluster.x-k8s.io", "SomeOtherPool", "pool", Map.of());
        given.claim("ours", "InClusterIPPool", "pool");
        given.awaitAddress("ours");

        for (String foreign : List.of("foreign", "foreign-kind")) {
            IPAddressClaim untouched = client.resources(IPAddressClaim.class).withName(foreign).get();
            assertThat(untouched.getMetadata().getFinalizers()).as(foreign).isNullOrEmpty();
            assertThat(untouched.getStatus()).as(foreign).isNull();
            assertThat(client.resources(IPAddress.class).withName(foreign).get()).as(foreign).isNull();
        }
    }

    @Test
    void allocatingReservedAddressesStartsAtTheNetworkAddressButSkipsTheGateway(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of("10.0.0.0/24"), 24);
        spec.setGateway("10.0.0.1");
        spec.setAllocateReservedIPAddresses(true);
        given.ipPool("pool", spec);
        assertThat(List.of("a", "b")).map(name -> {
            given.claim(name, "InClusterIPPool", "pool");
            return given.awaitAddress(name).getSpec().getAddress();
        }).containsExactly("10.0.0.0", "10.0.0.2");
    }

    @Test
    void exclusionsAndTheBroadcastAddressAreSkippedUntilThePoolRunsOut(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of("10.0.0.0/29"), 29);
        spec.setExcludedAddresses(List.of("10.0.0.1-10.0.0.3"));
        given.ipPool("pool", spec);
        assertThat(List.of("a", "b", "c")).map(name -> {
            given.claim(name, "InClusterIPPool", "pool");
            return given.awaitAddress(name).getSpec().getAddress();
        }).containsExactly("10.0.0.4", "10.0.0.5", "10.0.0.6");
        given.claim("d", "InClusterIPPool", "pool");
        given.awaitNotReady("d", "PoolExhausted");
    }

    @Test
    void aWaitingClaimIsServedWhenItsPoolIsWidened(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.10"), Optional.empty());
        given.claim("a", "InClusterIPPool", "pool");
        given.awaitAddress("a");
        given.claim("b", "InClusterIPPool", "pool");
        given.awaitNotReady("b", "PoolExhausted");
        // Events are sent apart from the reconcile that records them: they may land just after the status.
        await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> assertThat(client.v1().events().list().getItems())
                .as("the refusal is recorded as an event")
                .anyMatch(e -> "b".equals(e.getInvolvedObject().getName()) && "PoolExhausted".equals(e.getReason())
                        && "Warning".equals(e.getType())));
        assertThat(client.v1().events().list().getItems()).as("a success records no event: its Ready condition tells of it")
                .noneMatch(e -> "a".equals(e.getInvolvedObject().getName()));

        client.resources(InClusterIPPool.class).withName("pool").edit(pool -> {
            pool.getSpec().setAddresses(List.of("10.0.0.10-10.0.0.11"));
            return pool;
        });
        assertThat(given.awaitAddress("b").getSpec().getAddress()).isEqualTo("10.0.0.11");
    }

    @Test
    void aMissingPoolDoesNotHoldUpTheDeletionOfItsClaims(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.claim("lonely", "InClusterIPPool", "never-made");
        given.awaitNotReady("lonely", "PoolNotReady");
        given.deleteClaim("lonely");
    }

    /** Issue 12 item 5: a pool being deleted (as clusterctl move does it) keeps serving what it served; only new claims wait. */
    @Test
    void whileItsPoolIsBeingDeletedAClaimWithAnAddressStaysReadyAndOnlyNewClaimsWait(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.empty());
        given.claim("holder", "InClusterIPPool", "pool");
        given.awaitAddress("holder");
        await().atMost(ClaimScenarios.PATIENCE).until(() -> client.resources(InClusterIPPool.class).withName("pool").get()
                .getMetadata().getFinalizers().contains(PoolReconciler.PROTECT_POOL_FINALIZER));

        client.resources(InClusterIPPool.class).withName("pool").edit(pool -> {
            pool.getMetadata().setAnnotations(Map.of("ipam.cluster.x-k8s.io/skip-validate-delete-webhook", ""));
            return pool;
        });
        client.resources(InClusterIPPool.class).withName("pool").delete();
        // A claim made the moment the pool is deleted may be served before the provider's pool cache
        // hears of the deletion (the pool is still there); once a new claim has been refused for it,
        // the provider knows, and every later claim must wait too.
        await().atMost(ClaimScenarios.PATIENCE).until(new Callable<Boolean>() {
            private int probes;

            @Override
            public Boolean call() {
                String probe = "probe-" + probes++;
                given.claim(probe, "InClusterIPPool", "pool");
                await().atMost(ClaimScenarios.PATIENCE).until(() -> given.readyCondition(probe).isPresent());
                return given.readyCondition(probe).map(ready -> "PoolNotReady".equals(ready.getReason())).orElse(false);
            }
        });
        given.claim("late", "InClusterIPPool", "pool");

        assertThat(given.awaitNotReady("late", "PoolNotReady")).contains("is being deleted");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> given.readyCondition("holder")
                .map(ready -> ready.getStatus().name().equals("TRUE") && "Allocated".equals(ready.getReason())).orElse(false));
    }
}

package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimReference;
import dev.clusteripam.api.capi.IPAddressSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: a restart reconciles only the claims that need it (new, unserved, being deleted, or
 * served but no longer consistent with what the caches hold), so that served claims do not queue
 * ahead of new ones; and no reconcile reads the IPAddress cache before it is complete, though it
 * now lists while the operator's informers list.
 */
@WithKubernetes
class RestartTest {

    @Test
    void servedClaimsStayAsTheyAreWhileNewOnesAreServed(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.empty());
        List<String> served = IntStream.range(0, 12).mapToObj(i -> "served-" + i).toList();
        try (InProcessProvider provider = InProcessProvider.start(plane)) {
            served.forEach(claim -> given.claim(claim, "InClusterIPPool", "pool"));
            served.forEach(given::awaitAddress);
        }
        Map<String, String> versions = resourceVersions(client);

        try (InProcessProvider restarted = InProcessProvider.start(plane)) {
            given.claim("new", "InClusterIPPool", "pool");
            assertThat(given.awaitAddress("new").getSpec().getAddress()).isEqualTo("10.0.0.13");
            await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() ->
                    assertThat(CrashRecoveryTest.ledgerOf(client)).isEqualTo(CrashRecoveryTest.ipAddressesOf(client)));
        }
        Map<String, String> after = resourceVersions(client);
        after.remove("new");
        assertThat(after).as("no served claim written").isEqualTo(versions);
    }

    private static Map<String, String> resourceVersions(KubernetesClient client) {
        return client.resources(IPAddressClaim.class).list().getItems().stream()
                .collect(Collectors.toMap(claim -> claim.getMetadata().getName(), claim -> claim.getMetadata().getResourceVersion()));
    }

    @Test
    void aClaimDeletedWhileTheProviderWasDownIsReleased(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.empty());
        try (InProcessProvider provider = InProcessProvider.start(plane)) {
            given.claim("gone", "InClusterIPPool", "pool");
            given.claim("kept", "InClusterIPPool", "pool");
            given.awaitAddress("gone");
            given.awaitAddress("kept");
        }
        client.resources(IPAddressClaim.class).withName("gone").delete();

        try (InProcessProvider restarted = InProcessProvider.start(plane)) {
            await().atMost(ClaimScenarios.PATIENCE).until(() -> client.resources(IPAddressClaim.class).withName("gone").get() == null
                    && client.resources(IPAddress.class).withName("gone").get() == null);
            assertThat(client.resources(IPAddress.class).withName("kept").get()).isNotNull();
            await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() ->
                    assertThat(CrashRecoveryTest.ledgerOf(client)).isEqualTo(CrashRecoveryTest.ipAddressesOf(client)));
        }
    }

    @Test
    void aServedClaimWhoseIPAddressWasDeletedWhileTheProviderWasDownIsServedAgain(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.empty());
        try (InProcessProvider provider = InProcessProvider.start(plane)) {
            List.of("a", "b", "c").forEach(claim -> given.claim(claim, "InClusterIPPool", "pool"));
            List.of("a", "b", "c").forEach(given::awaitAddress);
        }
        // Forced away by hand: our finalizer would otherwise keep it until the provider released it.
        client.resources(IPAddress.class).withName("b").edit(address -> {
            address.getMetadata().setFinalizers(List.of());
            return address;
        });
        client.resources(IPAddress.class).withName("b").delete();
        await().atMost(ClaimScenarios.PATIENCE).until(() -> client.resources(IPAddress.class).withName("b").get() == null);

        try (InProcessProvider restarted = InProcessProvider.start(plane)) {
            given.claim("new", "InClusterIPPool", "pool");
            given.awaitAddress("new");
            await().atMost(ClaimScenarios.PATIENCE).until(() -> client.resources(IPAddress.class).withName("b").get() != null);
            assertThat(given.awaitAddress("b").getSpec().getAddress()).isNotIn(addressesOf(client, "a", "c", "new"));
            await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() ->
                    assertThat(CrashRecoveryTest.ledgerOf(client)).isEqualTo(CrashRecoveryTest.ipAddressesOf(client)));
        }
    }

    @Test
    void noClaimIsServedBeforeEveryIPAddressIsKnown(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 23, List.of("10.0.0.0/23"), Optional.empty());
        // Hand-made reservations of the lowest addresses: what the provider hands out first, were they unknown to it.
        Set<String> reserved = IntStream.rangeClosed(1, 300).mapToObj(RestartTest::addressAt).collect(Collectors.toSet());
        reserved.forEach(address -> reserve(client, address));
        List<String> claims = IntStream.range(0, 20).mapToObj(i -> "machine-" + i).toList();
        claims.forEach(claim -> given.claim(claim, "InClusterIPPool", "pool"));

        try (InProcessProvider provider = InProcessProvider.start(plane)) {
            Set<String> handedOut = claims.stream().map(claim -> given.awaitAddress(claim).getSpec().getAddress()).collect(Collectors.toSet());

            assertThat(handedOut).hasSize(claims.size()).doesNotContainAnyElementsOf(reserved);
        }
    }

    private static List<String> addressesOf(KubernetesClient client, String... claims) {
        return List.of(claims).stream().map(claim -> client.resources(IPAddress.class).withName(claim).get().getSpec().getAddress()).toList();
    }

    /** The n-th address of 10.0.0.0/23 (1 is 10.0.0.1, 256 is 10.0.1.0). */
    private static String addressAt(int n) {
        return "10.0." + (n / 256) + "." + (n % 256);
    }

    private static void reserve(KubernetesClient client, String address) {
        String name = "reserved-" + address.replace('.', '-');
        IPAddress reservation = new IPAddress();
        reservation.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(Map.of("reservation", "true")).build());
        IPAddressSpec spec = new IPAddressSpec();
        spec.setAddress(address);
        spec.setPrefix(23);
        IPAddressClaimReference noClaim = new IPAddressClaimReference();
        noClaim.setName(name);
        spec.setClaimRef(noClaim);
        spec.setPoolRef(new IPPoolReference("ipam.cluster.x-k8s.io", "InClusterIPPool", "pool"));
        reservation.setSpec(spec);
        client.resource(reservation).create();
    }
}

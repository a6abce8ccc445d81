package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimReference;
import dev.clusteripam.api.capi.IPAddressClaimSpec;
import dev.clusteripam.api.capi.IPAddressClaimStatus;
import dev.clusteripam.api.capi.IPAddressReference;
import dev.clusteripam.api.capi.IPAddressSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /** Claims served by the upstream provider before ours first starts: enough that reconciling them all takes a while. */
    private static final int UPSTREAM_CLAIMS = 300;

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
    void onTheFirstStartOnUpstreamsClaimsANewClaimIsServedBeforeTheirReadyConditionsAreBackfilled(KubernetesClient client,
            ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterIPPool pool = given.ipPool("pool", 22, List.of("10.0.0.0/22"), Optional.empty());
        Map<String, String> upstreams = new HashMap<>();
        IntStream.range(0, UPSTREAM_CLAIMS).forEach(i -> upstreams.put("upstream-%03d".formatted(i), i < 254 ? "10.0.0." + (i + 1) : "10.0.1." + (i - 253)));
        upstreams.forEach((claim, address) -> servedAsUpstreamLeavesIt(client, pool, claim, address));
        Map<String, String> addressVersions = client.resources(IPAddress.class).list().getItems().stream()
                .collect(Collectors.toMap(address -> address.getMetadata().getName(), address -> address.getMetadata().getResourceVersion()));
        // Created while the provider is down; its name lists after every upstream claim, so a start that reconciled them all would queue it last.
        given.claim("z-new", "InClusterIPPool", "pool");

        List<IPAddressClaim> seen = new CopyOnWriteArrayList<>();
        try (Watch watch = client.resources(IPAddressClaim.class).watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, IPAddressClaim claim) {
                        seen.add(claim);
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        // A watch closed early misses the new claim's serving, which the assertions below then report.
                    }
                });
                InProcessProvider provider = InProcessProvider.start(plane)) {
            assertThat(given.awaitAddress("z-new").getSpec().getAddress()).isNotIn(upstreams.values());
            await().atMost(ClaimScenarios.PATIENCE).until(() -> upstreams.keySet().stream().allMatch(claim -> given.readyCondition(claim)
                    .map(condition -> condition.getStatus().name().equals("TRUE")).orElse(false)));

            // In the watch's order (the server's): how many upstream claims said Ready before the new claim was served.
            Set<String> readyBefore = new HashSet<>();
            for (IPAddressClaim claim : seen) {
                if (claim.getMetadata().getName().equals("z-new") && claim.getStatus() != null && claim.getStatus().getAddressRef() != null) {
                    break;
                }
                if (upstreams.containsKey(claim.getMetadata().getName()) && isReady(claim)) {
                    readyBefore.add(claim.getMetadata().getName());
                }
            }
            assertThat(seen).anyMatch(claim -> claim.getMetadata().getName().equals("z-new") && claim.getStatus() != null
                    && claim.getStatus().getAddressRef() != null);
            assertThat(readyBefore.size()).as("upstream claims made Ready before the new claim was served").isLessThan(UPSTREAM_CLAIMS / 2);
            upstreams.forEach((claim, address) -> {
                assertThat(client.resources(IPAddressClaim.class).withName(claim).get().getStatus().getAddressRef().getName()).isEqualTo(claim);
                assertThat(client.resources(IPAddress.class).withName(claim).get().getSpec().getAddress()).isEqualTo(address);
            });
            Map<String, String> afterVersions = client.resources(IPAddress.class).list().getItems().stream()
                    .filter(address -> upstreams.containsKey(address.getMetadata().getName()))
                    .collect(Collectors.toMap(address -> address.getMetadata().getName(), address -> address.getMetadata().getResourceVersion()));
            assertThat(afterVersions).as("no upstream IPAddress rewritten").isEqualTo(addressVersions);
            // Upstream's IPAddresses have no ledger entries; every entry there is (the new claim's) names what its IPAddress holds.
            assertThat(CrashRecoveryTest.ipAddressesOf(client)).containsAllEntriesOf(CrashRecoveryTest.ledgerOf(client));
        }
    }

    private static boolean isReady(IPAddressClaim claim) {
        return claim.getStatus() != null && claim.getStatus().getConditions() != null && claim.getStatus().getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && condition.getStatus().name().equals("TRUE"));
    }

    /**
     * {@code name} as the upstream provider leaves a served claim: its finalizer (the same as ours),
     * {@code status.addressRef} and no condition; the IPAddress owned by the claim (controller) and
     * the pool, with upstream's finalizer.
     */
    private static void servedAsUpstreamLeavesIt(KubernetesClient client, InClusterIPPool pool, String name, String address) {
        IPAddressClaim claim = new IPAddressClaim();
        claim.setMetadata(new ObjectMetaBuilder().withName(name).withFinalizers("ipam.cluster.x-k8s.io/ReleaseAddress").build());
        IPAddressClaimSpec claimSpec = new IPAddressClaimSpec();
        claimSpec.setPoolRef(new IPPoolReference("ipam.cluster.x-k8s.io", "InClusterIPPool", pool.getMetadata().getName()));
        claim.setSpec(claimSpec);
        IPAddressClaim created = client.resource(claim).create();
        IPAddress ipAddress = new IPAddress();
        ipAddress.setMetadata(new ObjectMetaBuilder().withName(name).withFinalizers("ipam.cluster.x-k8s.io/ProtectAddress")
                .withOwnerReferences(ownerReference(created, true), ownerReference(pool, false)).build());
        IPAddressSpec spec = new IPAddressSpec();
        spec.setAddress(address);
        spec.setPrefix(22);
        spec.setClaimRef(new IPAddressClaimReference(name));
        spec.setPoolRef(new IPPoolReference("ipam.cluster.x-k8s.io", "InClusterIPPool", pool.getMetadata().getName()));
        ipAddress.setSpec(spec);
        client.resource(ipAddress).create();
        created.setStatus(new IPAddressClaimStatus());
        created.getStatus().setAddressRef(new IPAddressReference(name));
        client.resource(created).updateStatus();
    }

    private static OwnerReference ownerReference(HasMetadata owner, boolean controller) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind()).withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid()).withController(controller).withBlockOwnerDeletion(true).build();
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

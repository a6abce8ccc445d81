package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaimReference;
import dev.clusteripam.api.capi.IPAddressSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SPEC 2.2 (which namespaces a pool serves) and 2.11 (hand-made IPAddresses), on the real API server. */
@WithKubernetes
class ClaimScopeTest {

    @RegisterExtension
    static final ProviderForTheClass PROVIDER = new ProviderForTheClass();

    @Test
    void aNamespacedPoolServesOnlyItsOwnNamespaceAndAGlobalPoolServesAll(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios here = new ClaimScenarios(client);
        here.ipPool("local", 24, List.of("10.0.0.0/24"), Optional.empty());
        GlobalInClusterIPPool global = new GlobalInClusterIPPool();
        global.setMetadata(new ObjectMetaBuilder().withName(client.getNamespace() + "-global").build());
        global.setSpec(new GlobalInClusterIPPoolSpec(List.of("10.9.0.0/24"), 24));
        client.resource(global).create();

        // The test namespace ends in the server's five random characters; a namespace name has at most 63.
        String otherNamespace = "other-" + client.getNamespace().substring(client.getNamespace().length() - 5);
        client.resource(new NamespaceBuilder().withNewMetadata().withName(otherNamespace).endMetadata().build()).create();
        try (KubernetesClient other = plane.newClient(otherNamespace)) {
            ClaimScenarios there = new ClaimScenarios(other);
            there.claim("wants-local", "InClusterIPPool", "local");
            assertThat(there.awaitNotReady("wants-local", "PoolNotReady")).contains(otherNamespace + "/local").contains("does not exist");
            there.claim("wants-global", "GlobalInClusterIPPool", global.getMetadata().getName());
            assertThat(there.awaitAddress("wants-global").getSpec().getAddress()).isEqualTo("10.9.0.1");
        }
        here.claim("wants-global", "GlobalInClusterIPPool", global.getMetadata().getName());
        assertThat(here.awaitAddress("wants-global").getSpec().getAddress()).isEqualTo("10.9.0.2");
    }

    @Test
    void aHandMadeIpAddressIsAReservationTheProviderNeitherHandsOutNorDeletes(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.empty());
        IPAddress reservation = new IPAddress();
        reservation.setMetadata(new ObjectMetaBuilder().withName("reserved-for-the-router").build());
        IPAddressSpec spec = new IPAddressSpec();
        spec.setAddress("10.0.0.1");
        spec.setPrefix(24);
        IPAddressClaimReference noClaim = new IPAddressClaimReference();
        noClaim.setName("reserved-for-the-router");
        spec.setClaimRef(noClaim);
        spec.setPoolRef(new IPPoolReference("ipam.cluster.x-k8s.io", "InClusterIPPool", "pool"));
        reservation.setSpec(spec);
        client.resource(reservation).create();
        // A reservation is one the provider knows of: its pool counts it. (One made at the same moment as a
        // claim is protected only by the provider's IPAddress cache, not yet by the ledger: docs/design.md, point 4.)
        await().atMost(ClaimScenarios.PATIENCE).until(() -> Optional.ofNullable(
                        client.resources(InClusterIPPool.class).withName("pool").get().getStatus())
                .map(status -> status.getIpAddresses() != null && Long.valueOf(1).equals(status.getIpAddresses().getUsed()))
                .orElse(false));

        given.claim("a", "InClusterIPPool", "pool");
        assertThat(given.awaitAddress("a").getSpec().getAddress()).isEqualTo("10.0.0.2");
        given.deleteClaim("a");
        assertThat(client.resources(IPAddress.class).withName("reserved-for-the-router").get()).isNotNull();
    }
}

package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimReference;
import dev.clusteripam.api.capi.IPAddressClaimStatus;
import dev.clusteripam.api.capi.IPAddressReference;
import dev.clusteripam.api.capi.IPAddressSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * SPEC 3, adoption: pools, claims and IPAddresses as the upstream Go provider (or clusterctl move)
 * leaves them are taken over as they are when our provider starts.
 */
@WithKubernetes
class AdoptionTest {

    @Test
    void upstreamStateIsAdoptedWithoutReaddressingAndNewClaimsGetTheNextFreeAddresses(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterIPPool pool = given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));
        // Upstream hands out lowest first too; a released-and-reused history leaves gaps like these.
        Map<String, String> existing = Map.of("machine-a", "10.0.0.2", "machine-b", "10.0.0.4", "machine-c", "10.0.0.7");
        existing.forEach((claimName, address) -> upstreamAllocation(client, pool, claimName, address));

        try (InProcessProvider provider = InProcessProvider.start(plane, ProviderOptions.defaults(4))) {
            given.claim("machine-d", "InClusterIPPool", "pool");
            given.claim("machine-e", "InClusterIPPool", "pool");
            assertThat(List.of(given.awaitAddress("machine-d").getSpec().getAddress(), given.awaitAddress("machine-e").getSpec().getAddress()))
                    .containsExactlyInAnyOrder("10.0.0.3", "10.0.0.5");

            existing.forEach((claimName, address) -> {
                assertThat(given.awaitAddress(claimName).getSpec().getAddress()).as(claimName).isEqualTo(address);
            });
            await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> assertThat(
                    client.resources(InClusterIPPool.class).withName("pool").get().getStatus().getIpAddresses())
                    .isEqualTo(new IPAddressCounts(253, 248, 5, 0)));
        }
    }

    /**
     * Issue 13 item 2: an IPAddress made before the provider saw its claim (clusterctl move, a
     * restore, a hand-made answer) gets the ProtectAddress finalizer and owner references as upstream
     * gives them (the claim as controller, the pool; both blocking deletion), keeping foreign ones.
     */
    @Test
    void anIpAddressMadeBeforeItsClaimWasSeenGetsOurFinalizerAndOwnersAndKeepsForeignOwners(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterIPPool pool = given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));
        ConfigMap keeper = client.resource(new ConfigMapBuilder().withNewMetadata().withName("keeper").endMetadata().build()).create();
        OwnerReference foreign = new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName("keeper")
                .withUid(keeper.getMetadata().getUid()).build();
        IPAddressClaim claim = given.claim("moved", "InClusterIPPool", "pool");
        IPAddress handMade = ipAddress("moved", "10.0.0.9");
        handMade.getMetadata().setOwnerReferences(List.of(foreign));
        client.resource(handMade).create();

        try (InProcessProvider provider = InProcessProvider.start(plane, ProviderOptions.defaults(4))) {
            assertThat(given.awaitAddress("moved").getSpec().getAddress()).isEqualTo("10.0.0.9");

            await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> {
                IPAddress adopted = client.resources(IPAddress.class).withName("moved").get();
                assertThat(adopted.getMetadata().getFinalizers()).containsExactly("ipam.cluster.x-k8s.io/ProtectAddress");
                assertThat(adopted.getMetadata().getOwnerReferences()).containsExactly(foreign,
                        new OwnerReferenceBuilder().withApiVersion("ipam.cluster.x-k8s.io/v1beta2").withKind("IPAddressClaim")
                                .withName("moved").withUid(claim.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build(),
                        new OwnerReferenceBuilder().withApiVersion("ipam.cluster.x-k8s.io/v1alpha2").withKind("InClusterIPPool")
                                .withName("pool").withUid(pool.getMetadata().getUid()).withController(false).withBlockOwnerDeletion(true).build());
            });
        }
    }

    /** A claim and its IPAddress exactly as upstream leaves them: finalizers, owner references, status. */
    private static void upstreamAllocation(KubernetesClient client, InClusterIPPool pool, String claimName, String address) {
        IPAddressClaim claim = new ClaimScenarios(client).claim(claimName, "InClusterIPPool", "pool");
        claim = client.resources(IPAddressClaim.class).withName(claimName).edit(c -> {
            c.getMetadata().setFinalizers(List.of("ipam.cluster.x-k8s.io/ReleaseAddress"));
            return c;
        });

        IPAddress ipAddress = ipAddress(claimName, address);
        ipAddress.getMetadata().setFinalizers(List.of("ipam.cluster.x-k8s.io/ProtectAddress"));
        ipAddress.getMetadata().setOwnerReferences(List.of(
                new OwnerReferenceBuilder().withApiVersion("ipam.cluster.x-k8s.io/v1beta2").withKind("IPAddressClaim")
                        .withName(claimName).withUid(claim.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build(),
                new OwnerReferenceBuilder().withApiVersion("ipam.cluster.x-k8s.io/v1alpha2").withKind("InClusterIPPool")
                        .withName("pool").withUid(pool.getMetadata().getUid()).withController(false).withBlockOwnerDeletion(true).build()));
        client.resource(ipAddress).create();

        IPAddressClaimStatus status = new IPAddressClaimStatus();
        status.setAddressRef(new IPAddressReference(claimName));
        claim.setStatus(status);
        client.resource(claim).updateStatus();
    }

    /** An IPAddress of the pool for the claim of the same name, with neither finalizers nor owners. */
    private static IPAddress ipAddress(String claimName, String address) {
        IPAddress ipAddress = new IPAddress();
        ipAddress.setMetadata(new ObjectMetaBuilder().withName(claimName).build());
        IPAddressSpec spec = new IPAddressSpec();
        spec.setAddress(address);
        spec.setPrefix(24);
        spec.setGateway("10.0.0.1");
        IPAddressClaimReference claimRef = new IPAddressClaimReference();
        claimRef.setName(claimName);
        spec.setClaimRef(claimRef);
        spec.setPoolRef(new IPPoolReference("ipam.cluster.x-k8s.io", "InClusterIPPool", "pool"));
        ipAddress.setSpec(spec);
        return ipAddress;
    }
}

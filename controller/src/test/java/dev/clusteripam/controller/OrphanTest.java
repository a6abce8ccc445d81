package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC 3: an IPAddress the provider made whose claim is gone is found, reported and released; the address is reused. */
@WithKubernetes
class OrphanTest {

    @Test
    void anOrphanLeftWhileNoProviderRanIsReleasedAndItsAddressReused(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));
        try (InProcessProvider first = InProcessProvider.start(plane, ProviderOptions.defaults(2))) {
            given.claim("gone", "InClusterIPPool", "pool");
            assertThat(given.awaitAddress("gone").getSpec().getAddress()).isEqualTo("10.0.0.2");
        }

        // While no provider runs, someone forces the claim away: its IPAddress is left behind.
        client.resources(IPAddressClaim.class).withName("gone").edit(claim -> {
            claim.getMetadata().setFinalizers(List.of());
            return claim;
        });
        client.resources(IPAddressClaim.class).withName("gone").delete();
        await().atMost(ClaimScenarios.PATIENCE).until(() -> client.resources(IPAddressClaim.class).withName("gone").get() == null);
        assertThat(client.resources(IPAddress.class).withName("gone").get()).isNotNull();

        try (InProcessProvider next = InProcessProvider.start(plane, ProviderOptions.defaults(2), Duration.ofSeconds(1))) {
            await().atMost(ClaimScenarios.PATIENCE).until(() -> client.resources(IPAddress.class).withName("gone").get() == null);
            await().atMost(ClaimScenarios.PATIENCE).until(() -> client.v1().events().list().getItems().stream()
                    .anyMatch(e -> "gone".equals(e.getInvolvedObject().getName()) && "OrphanReleased".equals(e.getReason())));
            given.claim("successor", "InClusterIPPool", "pool");
            assertThat(given.awaitAddress("successor").getSpec().getAddress()).isEqualTo("10.0.0.2");
        }
    }
}

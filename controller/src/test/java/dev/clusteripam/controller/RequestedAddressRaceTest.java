package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two providers writing at once (two replicas), and pairs of claims created together that ask for
 * one address: the ledger decides, exactly one claim holds it and the other is refused, naming the
 * holder, and gets no other address instead.
 */
@WithKubernetes
class RequestedAddressRaceTest {

    private static final int PAIRS = 8;

    @Test
    void twoClaimsAskingForOneAddressOfTwoProvidersGetOneHolderAndOneRefusal(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));
        try (InProcessProvider one = InProcessProvider.start(plane); InProcessProvider two = InProcessProvider.start(plane)) {
            List<CompletableFuture<IPAddressClaim>> creates = IntStream.range(0, PAIRS).boxed().flatMap(pair -> List.of("a", "b").stream()
                    .map(side -> CompletableFuture.supplyAsync(() -> client.resource(claim(side + pair, "10.0.0." + (100 + pair))).create())))
                    .toList();
            creates.forEach(CompletableFuture::join);

            for (int pair = 0; pair < PAIRS; pair++) {
                String address = "10.0.0." + (100 + pair);
                List<String> sides = List.of("a" + pair, "b" + pair);
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                    List<IPAddress> holders = client.resources(IPAddress.class).list().getItems().stream()
                            .filter(ip -> sides.contains(ip.getMetadata().getName())).toList();
                    assertThat(holders).as("exactly one holder of %s", address).singleElement()
                            .satisfies(ip -> assertThat(ip.getSpec().getAddress()).isEqualTo(address));
                    String holder = holders.get(0).getMetadata().getName();
                    String refused = sides.get(0).equals(holder) ? sides.get(1) : sides.get(0);
                    assertThat(given.readyCondition(refused)).as("%s is refused", refused).hasValueSatisfying(ready -> {
                        assertThat(ready.getReason()).isEqualTo("AllocationFailed");
                        assertThat(ready.getMessage()).isEqualTo("ipam.cluster-ipam.dev/requested-address " + address
                                + " (InClusterIPPool/" + client.getNamespace() + "/pool) is held by claim " + client.getNamespace()
                                + "/" + holder + "; waiting for its release");
                    });
                });
            }
            assertThat(client.resources(IPAddress.class).list().getItems()).as("no claim got another address instead").hasSize(PAIRS);
        }
    }

    private static IPAddressClaim claim(String name, String address) {
        IPAddressClaim claim = new IPAddressClaim();
        claim.setMetadata(new ObjectMetaBuilder().withName(name).withAnnotations(RequestedAddressTest.asking(address)).build());
        IPAddressClaimSpec spec = new IPAddressClaimSpec();
        spec.setPoolRef(new IPPoolReference("ipam.cluster.x-k8s.io", "InClusterIPPool", "pool"));
        claim.setSpec(spec);
        return claim;
    }
}

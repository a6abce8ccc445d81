package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts;
import dev.clusteripam.api.ipam.v1alpha2.IPSubnetCounts;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSubnet;
import dev.clusteripam.controller.status.ClaimStatus;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pools of several subnets (spec.subnets, issue 15) on the real API server: order, per-subnet prefix and gateway, counts. */
@WithKubernetes
class SubnetsTest {

    @RegisterExtension
    static final ProviderForTheClass PROVIDER = new ProviderForTheClass();

    @Test
    void claimsFillTheSubnetsInOrderEachAddressWithItsSubnetsPrefixAndGateway(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of("10.0.0.2-10.0.0.3"), 24);
        spec.setGateway("10.0.0.1");
        // The second subnet lies above the third in address order: the list's order decides.
        spec.setSubnets(List.of(subnet(16, "192.168.0.1", "192.168.5.10-192.168.5.11"), subnet(29, "10.0.9.1", "10.0.9.0/29")));
        given.ipPool("subnets", spec);

        List<String> assigned = new ArrayList<>();
        for (String claim : List.of("a", "b", "c", "d", "e")) {
            given.claim(claim, "InClusterIPPool", "subnets");
            IPAddress address = given.awaitAddress(claim);
            assigned.add(address.getSpec().getAddress() + "/" + address.getSpec().getPrefix() + " via " + address.getSpec().getGateway());
        }

        assertThat(assigned).containsExactly(
                "10.0.0.2/24 via 10.0.0.1",
                "10.0.0.3/24 via 10.0.0.1",
                "192.168.5.10/16 via 192.168.0.1",
                "192.168.5.11/16 via 192.168.0.1",
                "10.0.9.2/29 via 10.0.9.1");
        // 10.0.9.0/29: .0 and .7 reserved, .1 the gateway, .2 handed out: .3 to .6 free.
        awaitStatus(client, "subnets", new IPAddressCounts(9, 4, 5, 0), List.of(
                new IPSubnetCounts("spec", "10.0.0.0/24", 2, 0, 2),
                new IPSubnetCounts("spec.subnets[0]", "192.168.0.0/16", 2, 0, 2),
                new IPSubnetCounts("spec.subnets[1]", "10.0.9.0/29", 5, 4, 1)));
    }

    @Test
    void appendingASubnetServesTheClaimsWaitingForRoom(KubernetesClient client) {
        ClaimScenarios given = new ClaimScenarios(client);
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of("10.0.0.2"), 24);
        spec.setSubnets(List.of(subnet(24, null, "10.1.0.5")));
        given.ipPool("growing", spec);
        given.claim("a", "InClusterIPPool", "growing");
        given.awaitAddress("a");
        given.claim("b", "InClusterIPPool", "growing");
        given.awaitAddress("b");
        given.claim("waits", "InClusterIPPool", "growing");
        given.awaitNotReady("waits", ClaimStatus.POOL_EXHAUSTED);

        client.resources(InClusterIPPool.class).withName("growing").edit(pool -> {
            List<InClusterIPPoolSubnet> subnets = new ArrayList<>(pool.getSpec().getSubnets());
            subnets.add(subnet(24, "10.2.0.1", "10.2.0.7-10.2.0.8"));
            pool.getSpec().setSubnets(subnets);
            return pool;
        });

        IPAddress served = given.awaitAddress("waits");
        assertThat(served.getSpec().getAddress()).isEqualTo("10.2.0.7");
        assertThat(served.getSpec().getPrefix()).isEqualTo(24);
        assertThat(served.getSpec().getGateway()).isEqualTo("10.2.0.1");
        awaitStatus(client, "growing", new IPAddressCounts(4, 1, 3, 0), List.of(
                new IPSubnetCounts("spec", "10.0.0.0/24", 1, 0, 1),
                new IPSubnetCounts("spec.subnets[0]", "10.1.0.0/24", 1, 0, 1),
                new IPSubnetCounts("spec.subnets[1]", "10.2.0.0/24", 2, 1, 1)));
    }

    private static InClusterIPPoolSubnet subnet(int prefix, String gateway, String... addresses) {
        InClusterIPPoolSubnet subnet = new InClusterIPPoolSubnet(List.of(addresses), prefix);
        subnet.setGateway(gateway);
        return subnet;
    }

    private static void awaitStatus(KubernetesClient client, String pool, IPAddressCounts counts, List<IPSubnetCounts> subnets) {
        await().atMost(ClaimScenarios.PATIENCE).untilAsserted(() -> {
            InClusterIPPool current = client.resources(InClusterIPPool.class).withName(pool).get();
            assertThat(current.getStatus()).isNotNull();
            assertThat(current.getStatus().getIpAddresses()).isEqualTo(counts);
            assertThat(current.getStatus().getSubnets()).isEqualTo(subnets);
        });
    }
}

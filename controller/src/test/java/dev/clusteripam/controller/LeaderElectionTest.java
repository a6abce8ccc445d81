package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With leader election on, only the Lease holder reconciles; when it stops, the other takes over. */
@WithKubernetes
class LeaderElectionTest {

    @Test
    void onlyTheLeaderAllocatesAndStoppingItHandsOver(KubernetesClient client, ControlPlane plane) {
        ClaimScenarios given = new ClaimScenarios(client);
        given.ipPool("pool", 24, List.of("10.0.0.0/24"), Optional.of("10.0.0.1"));
        ProviderOptions options = new ProviderOptions(Optional.empty(), Optional.empty(), 2,
                Optional.of(new ProviderOptions.LeaderElection(client.getNamespace(), "ipam-leader")));

        try (InProcessProvider first = InProcessProvider.start(plane, options); InProcessProvider second = InProcessProvider.start(plane, options)) {
            String leader = awaitLeaseHolder(client, Optional.empty());
            InProcessProvider leading = leader.equals(first.identity()) ? first : second;
            InProcessProvider standingBy = leading == first ? second : first;

            given.claim("before", "InClusterIPPool", "pool");
            assertThat(given.awaitAddress("before").getSpec().getAddress()).isEqualTo("10.0.0.2");

            leading.close();
            assertThat(awaitLeaseHolder(client, Optional.of(leader))).isEqualTo(standingBy.identity());
            given.claim("after", "InClusterIPPool", "pool");
            assertThat(given.awaitAddress("after").getSpec().getAddress()).isEqualTo("10.0.0.3");
        }
    }

    /** Waits for a Lease holder other than {@code previous}; the default lease lasts 15 s. */
    private static String awaitLeaseHolder(KubernetesClient client, Optional<String> previous) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> Optional.ofNullable(
                client.resources(Lease.class).withName("ipam-leader").get())
                        .map(lease -> lease.getSpec().getHolderIdentity())
                        .filter(holder -> !holder.isEmpty() && previous.map(p -> !p.equals(holder)).orElse(true))
                        .orElse(null), holder -> holder != null);
    }
}

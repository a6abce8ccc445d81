package dev.clusteripam.api.capi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model of Cluster API's kinds against Cluster API's own CRDs, which hack/control-plane installs. */
@WithKubernetes
class ClusterApiModelOnApiServerTest {

    private static final IPPoolReference POOL =
            new IPPoolReference("ipam.cluster.x-k8s.io", "InClusterIPPool", "pool-a");

    @Test
    void aClaimAndItsStatusAreStoredAsTheModelWritesThem(KubernetesClient client) {
        IPAddressClaim claim = claim("machine-0-eth0");
        IPAddressClaim created = client.resource(claim).create();
        IPAddressClaimStatus status = new IPAddressClaimStatus();
        status.setAddressRef(new IPAddressReference("machine-0-eth0"));
        status.setConditions(List.of(new Condition("Ready", ConditionStatus.TRUE, "Allocated", "",
                Instant.parse("2025-05-01T10:00:00Z"))));
        created.setStatus(status);

        client.resource(created).updateStatus();
        IPAddressClaim stored = client.resources(IPAddressClaim.class).withName("machine-0-eth0").get();

        assertThat(stored.getSpec()).isEqualTo(claim.getSpec());
        assertThat(stored.getStatus()).isEqualTo(status);
    }

    @Test
    void anAddressIsStoredAsTheModelWritesIt(KubernetesClient client) {
        IPAddressSpec spec = new IPAddressSpec();
        spec.setClaimRef(new IPAddressClaimReference("machine-0-eth0"));
        spec.setPoolRef(POOL);
        spec.setAddress("10.0.0.2");
        spec.setPrefix(24);
        spec.setGateway("10.0.0.1");
        IPAddress address = new IPAddress();
        address.getMetadata().setName("machine-0-eth0");
        address.setSpec(spec);

        client.resource(address).create();

        assertThat(client.resources(IPAddress.class).withName("machine-0-eth0").get().getSpec()).isEqualTo(spec);
    }

    /** A status update writes the whole status: what the model does not name must survive it. */
    @Test
    void updatingAClaimsStatusKeepsTheFieldsTheModelDoesNotName(KubernetesClient client) {
        client.resource(claim("machine-1-eth0")).create();
        GenericKubernetesResource generic =
                client.genericKubernetesResources("ipam.cluster.x-k8s.io/v1beta2", "IPAddressClaim")
                        .withName("machine-1-eth0").get();
        generic.getAdditionalProperties().put("status", Map.of("deprecated", Map.of("v1beta1", Map.of("conditions",
                List.of(Map.of("type", "Ready", "status", "False", "lastTransitionTime", "2025-05-01T10:00:00Z"))))));
        client.resource(generic).updateStatus();

        IPAddressClaim claim = client.resources(IPAddressClaim.class).withName("machine-1-eth0").get();
        claim.getStatus().setAddressRef(new IPAddressReference("machine-1-eth0"));
        client.resource(claim).updateStatus();
        GenericKubernetesResource updated =
                client.genericKubernetesResources("ipam.cluster.x-k8s.io/v1beta2", "IPAddressClaim")
                        .withName("machine-1-eth0").get();

        assertThat(updated.<String>get("status", "addressRef", "name")).isEqualTo("machine-1-eth0");
        assertThat(updated.<List<?>>get("status", "deprecated", "v1beta1", "conditions")).hasSize(1);
    }

    @Test
    void aPausedClusterReadsAsPaused(KubernetesClient client) {
        client.resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("cluster.x-k8s.io/v1beta2")
                .withKind("Cluster")
                .withNewMetadata().withName("cluster-a").endMetadata()
                .addToAdditionalProperties("spec", Map.of("paused", true,
                        "clusterNetwork", Map.of("pods", Map.of("cidrBlocks", List.of("192.168.0.0/16")))))
                .build()).create();

        Cluster read = client.resources(Cluster.class).withName("cluster-a").get();

        assertThat(read.getSpec().getPaused()).isTrue();
        assertThat(read.getSpec().getUnknownFields()).containsKey("clusterNetwork");
    }

    private static IPAddressClaim claim(String name) {
        IPAddressClaimSpec spec = new IPAddressClaimSpec();
        spec.setPoolRef(POOL);
        spec.setClusterName("cluster-a");
        IPAddressClaim claim = new IPAddressClaim();
        claim.getMetadata().setName(name);
        claim.setSpec(spec);
        return claim;
    }
}

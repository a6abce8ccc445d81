package dev.clusteripam.testing.kube;

import static dev.clusteripam.testing.kube.ClusterApiObjects.CLUSTER_V1BETA2;
import static dev.clusteripam.testing.kube.ClusterApiObjects.IPAM_V1BETA2;
import static dev.clusteripam.testing.kube.ClusterApiObjects.address;
import static dev.clusteripam.testing.kube.ClusterApiObjects.addresses;
import static dev.clusteripam.testing.kube.ClusterApiObjects.claim;
import static dev.clusteripam.testing.kube.ClusterApiObjects.claims;
import static dev.clusteripam.testing.kube.ClusterApiObjects.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import org.junit.jupiter.api.Test;

import java.util.Map;

/** The Cluster API CRDs that hack/control-plane installs are served with their real schemas. */
@WithKubernetes
class ClusterApiResourcesTest {

    @Test
    void aClaimAndItsAddressAreStoredAndReadBackAsV1beta2(KubernetesClient client) {
        claims(client).resource(claim("machine-0-eth0", "pool-a")).create();
        addresses(client).resource(address("machine-0-eth0", "10.0.0.2", 24, "pool-a")).create();

        GenericKubernetesResource claim = claims(client).withName("machine-0-eth0").get();
        GenericKubernetesResource address = addresses(client).withName("machine-0-eth0").get();

        assertThat(claim.getApiVersion()).isEqualTo(IPAM_V1BETA2);
        assertThat(claim.<String>get("spec", "poolRef", "name")).isEqualTo("pool-a");
        assertThat(claim.<String>get("spec", "poolRef", "kind")).isEqualTo("InClusterIPPool");
        assertThat(address.getApiVersion()).isEqualTo(IPAM_V1BETA2);
        assertThat(address.<String>get("spec", "address")).isEqualTo("10.0.0.2");
        assertThat(address.<Integer>get("spec", "prefix")).isEqualTo(24);
        assertThat(address.<String>get("spec", "claimRef", "name")).isEqualTo("machine-0-eth0");
    }

    @Test
    void aClaimWithoutPoolRefIsRefusedByTheSchema(KubernetesClient client) {
        GenericKubernetesResource withoutPool =
                object(
                        IPAM_V1BETA2,
                        "IPAddressClaim",
                        "no-pool",
                        Map.of("clusterName", "cluster-a"));

        KubernetesClientException refusal =
                catchThrowableOfType(
                        KubernetesClientException.class,
                        () -> claims(client).resource(withoutPool).create());

        assertThat(refusal.getCode()).isEqualTo(422);
        assertThat(refusal.getMessage()).contains("spec.poolRef: Required value");
    }

    @Test
    void aPausedClusterIsStored(KubernetesClient client) {
        client.genericKubernetesResources(CLUSTER_V1BETA2, "Cluster")
                .resource(object(CLUSTER_V1BETA2, "Cluster", "cluster-a", Map.of("paused", true)))
                .create();

        GenericKubernetesResource cluster =
                client.genericKubernetesResources(CLUSTER_V1BETA2, "Cluster")
                        .withName("cluster-a")
                        .get();

        assertThat(cluster.<Boolean>get("spec", "paused")).isTrue();
    }
}

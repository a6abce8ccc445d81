package dev.clusteripam.testing.kube;

import static dev.clusteripam.testing.kube.ClusterApiObjects.object;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/** What the extension offers beyond a client: versions, metrics, more CRDs. */
@WithKubernetes
class ControlPlaneTest {

    @Test
    void namesTheVersionsOfItsServers(ControlPlane plane, KubernetesClient client) {
        assertThat(plane.versions().kubeApiServer())
                .isEqualTo(client.getKubernetesVersion().getGitVersion())
                .matches("v1\\.\\d+\\.\\d+");
        plane.versions().etcd().ifPresent(etcd -> assertThat(etcd).matches("3\\.\\d+\\.\\d+"));
    }

    @Test
    void servesItsMetricsToTheAdmin(KubernetesClient client) {
        assertThat(client.raw("/metrics")).contains("apiserver_request_total");
    }

    @Test
    void appliesMoreCrdsAndServesThem(ControlPlane plane, KubernetesClient client)
            throws URISyntaxException {
        plane.applyCrds(testResource("crds/widgets.test.cluster-ipam.dev.yaml"));

        client.genericKubernetesResources("test.cluster-ipam.dev/v1", "Widget")
                .resource(object("test.cluster-ipam.dev/v1", "Widget", "small", Map.of("size", 1)))
                .create();

        GenericKubernetesResource widget =
                client.genericKubernetesResources("test.cluster-ipam.dev/v1", "Widget")
                        .withName("small")
                        .get();
        assertThat(widget.<Integer>get("spec", "size")).isEqualTo(1);
    }

    private static Path testResource(String name) throws URISyntaxException {
        return Path.of(ControlPlaneTest.class.getClassLoader().getResource(name).toURI());
    }
}

package dev.clusteripam.testing.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The scenario that {@link FirstClassSharingTheControlPlaneTest} and {@link
 * SecondClassSharingTheControlPlaneTest} both run: each leaves a marker in its namespace and
 * records what it saw; whichever runs second finds the first one's sighting and checks that both
 * used the same control plane, each in a namespace of its own.
 */
final class SharedControlPlaneScenario {

    private static final String MARKER = "left-by";

    /**
     * What a test class saw; {@code serverUid} is the UID of the server's {@code default}
     * namespace.
     */
    private record Sighting(
            Class<?> testClass,
            ControlPlane plane,
            String kubeconfig,
            String serverUid,
            String namespace) {}

    private static final List<Sighting> SIGHTINGS = new CopyOnWriteArrayList<>();

    private SharedControlPlaneScenario() {}

    static void run(Class<?> testClass, KubernetesClient client, ControlPlane plane) {
        String namespace = client.getNamespace();
        client.configMaps()
                .resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName(MARKER)
                                .endMetadata()
                                .addToData("class", testClass.getSimpleName())
                                .build())
                .create();
        Sighting mine =
                new Sighting(
                        testClass,
                        plane,
                        plane.kubeconfig().toString(),
                        client.namespaces().withName("default").get().getMetadata().getUid(),
                        namespace);

        for (Sighting other : SIGHTINGS) {
            assertThat(other.testClass()).isNotEqualTo(testClass);
            assertThat(other.plane()).isSameAs(plane);
            assertThat(other.kubeconfig()).isEqualTo(mine.kubeconfig());
            assertThat(other.serverUid()).isEqualTo(mine.serverUid());
            assertThat(other.namespace()).isNotEqualTo(namespace);
            assertThat(
                            client.configMaps()
                                    .inNamespace(other.namespace())
                                    .withName(MARKER)
                                    .get()
                                    .getData())
                    .containsEntry("class", other.testClass().getSimpleName());
            assertThat(client.configMaps().withName(MARKER).get().getData())
                    .containsEntry("class", testClass.getSimpleName());
        }
        SIGHTINGS.add(mine);
    }
}

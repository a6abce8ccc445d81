package dev.clusteripam.testing.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The scenario that {@link FirstClassSharingTheControlPlaneTest}, {@link
 * SecondClassSharingTheControlPlaneTest} and a class nested in each run: each leaves a marker in
 * its namespace and records what it saw, and checks every earlier sighting: the same control plane,
 * each in a namespace of its own, the other's marker still there. Each top-level class proves the
 * sharing on its own through its nested class (JUnit runs a class's tests before its nested
 * classes); the top-level class that runs second also checks the other one's sightings.
 */
final class SharedControlPlaneScenario {

    private static final String MARKER = "left-by";

    /**
     * What a test class saw; {@code serverUid} is the UID of the server's {@code default}
     * namespace.
     */
    private record Sighting(
            String testClass,
            ControlPlane plane,
            String kubeconfig,
            String serverUid,
            String namespace) {}

    private static final List<Sighting> SIGHTINGS = new CopyOnWriteArrayList<>();

    private SharedControlPlaneScenario() {}

    /** Runs the scenario as {@code testClass}, after {@code enclosingClass} has. */
    static void runAfter(
            String enclosingClass, String testClass, KubernetesClient client, ControlPlane plane) {
        assertThat(SIGHTINGS)
                .as("sightings before %s", testClass)
                .anyMatch(sighting -> sighting.testClass().equals(enclosingClass));
        run(testClass, client, plane);
    }

    /** Runs the scenario as {@code testClass}, a name no other class runs it under. */
    static void run(String testClass, KubernetesClient client, ControlPlane plane) {
        String namespace = client.getNamespace();
        client.configMaps()
                .resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName(MARKER)
                                .endMetadata()
                                .addToData("class", testClass)
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
                    .containsEntry("class", other.testClass());
            assertThat(client.configMaps().withName(MARKER).get().getData())
                    .containsEntry("class", testClass);
        }
        SIGHTINGS.add(mine);
    }
}

package dev.clusteripam.testing.kube;

import io.fabric8.kubernetes.client.KubernetesClient;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What {@link FirstClassSharingTheControlPlaneTest} and {@link
 * SecondClassSharingTheControlPlaneTest} each run; see {@link SharedControlPlaneScenario}.
 */
abstract class ClassSharingTheControlPlane {

    @Test
    void usesTheSameControlPlaneAsTheOtherClassesInANamespaceOfItsOwn(
            KubernetesClient client, ControlPlane plane) {
        SharedControlPlaneScenario.run(getClass().getSimpleName(), client, plane);
    }

    /**
     * A second class, so that each top-level class proves the sharing whether or not the other one
     * ran first.
     */
    @Nested
    class AnotherClassInTheSameRun {

        @Test
        void usesTheSameControlPlaneAsItsEnclosingClassInANamespaceOfItsOwn(
                KubernetesClient client, ControlPlane plane) {
            String enclosing = ClassSharingTheControlPlane.this.getClass().getSimpleName();
            SharedControlPlaneScenario.runAfter(
                    enclosing, enclosing + "." + getClass().getSimpleName(), client, plane);
        }
    }
}

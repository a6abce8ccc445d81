package dev.clusteripam.testing.kube;

import io.fabric8.kubernetes.client.KubernetesClient;

import org.junit.jupiter.api.Test;

/**
 * One of two classes that share the JVM's control plane; see {@link SharedControlPlaneScenario}.
 */
@WithKubernetes
class SecondClassSharingTheControlPlaneTest {

    @Test
    void usesTheSameControlPlaneAsTheOtherClassInANamespaceOfItsOwn(
            KubernetesClient client, ControlPlane plane) {
        SharedControlPlaneScenario.run(getClass(), client, plane);
    }
}

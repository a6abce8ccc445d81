package dev.clusteripam.testing.kube;

/**
 * One of two classes that share the JVM's control plane with each other and with the class nested
 * in each; see {@link SharedControlPlaneScenario}.
 */
@WithKubernetes
class FirstClassSharingTheControlPlaneTest extends ClassSharingTheControlPlane {}

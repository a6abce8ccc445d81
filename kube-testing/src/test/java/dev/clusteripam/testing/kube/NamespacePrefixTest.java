package dev.clusteripam.testing.kube;

import static dev.clusteripam.testing.kube.KubernetesExtension.namespacePrefix;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Test namespaces are named after their test, within what Kubernetes accepts. */
class NamespacePrefixTest {

    @Test
    void namesTheClassAndTheMethodInLowerCase() {
        assertThat(namespacePrefix(NamespacePrefixTest.class, "someTest"))
                .isEqualTo("namespaceprefixtest-sometest-");
    }

    @Test
    void aLongNameIsCutSoThatTheServersSuffixStillFitsIntoADnsLabel() {
        String prefix =
                namespacePrefix(
                        NamespacePrefixTest.class,
                        "aVeryLongTestMethodNameThatGoesOnAndOnAndOnAndOnForever");

        assertThat(prefix).hasSizeLessThanOrEqualTo(57).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?-");
    }

    @Test
    void charactersOutsideADnsLabelBecomeSingleDashes() {
        assertThat(namespacePrefix(NamespacePrefixTest.class, "with_under__scores$and$dollars"))
                .isEqualTo("namespaceprefixtest-with-under-scores-and-dollars-");
    }
}

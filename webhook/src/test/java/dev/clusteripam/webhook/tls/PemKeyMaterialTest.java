package dev.clusteripam.webhook.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusteripam.webhook.testing.TestCertificates;
import dev.clusteripam.webhook.testing.TestCertificates.KeyFormat;
import dev.clusteripam.webhook.testing.TestCertificates.Serving;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemKeyMaterialTest {

    private static final TestCertificates CA = TestCertificates.newAuthority();

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void readsAnRsaKeyInPkcs1AndPkcs8WithItsChain(KeyFormat format) throws KeyMaterialException {
        Serving serving = CA.issueRsa();

        KeyMaterial material = PemKeyMaterial.parse(serving.chainPem(), "tls.crt", serving.keyPem(format), "tls.key");

        assertThat(serving.keyPem(format)).startsWith(format == KeyFormat.PKCS8 ? "-----BEGIN PRIVATE KEY" : "-----BEGIN RSA PRIVATE KEY");
        assertThat(material.certificate()).isEqualTo(serving.certificate());
        assertThat(material.chain()).containsExactly(serving.certificate(), CA.certificate());
        assertThat(material.privateKey().getAlgorithm()).isEqualTo("RSA");
    }

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void readsAnEcKeyInSec1AndPkcs8(KeyFormat format) throws KeyMaterialException {
        Serving serving = CA.issueEc();

        KeyMaterial material = PemKeyMaterial.parse(serving.chainPem(), "tls.crt", serving.keyPem(format), "tls.key");

        assertThat(serving.keyPem(format)).startsWith(format == KeyFormat.PKCS8 ? "-----BEGIN PRIVATE KEY" : "-----BEGIN EC PRIVATE KEY");
        assertThat(material.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void skipsTheEcParametersBlockOpensslWritesBeforeTheKey() throws KeyMaterialException {
        Serving serving = CA.issueEc();
        String opensslStyle = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + serving.keyPem(KeyFormat.TRADITIONAL);

        KeyMaterial material = PemKeyMaterial.parse(serving.chainPem(), "tls.crt", opensslStyle, "tls.key");

        assertThat(material.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void refusesAKeyOfAnotherCertificateNamingBothFiles() {
        Serving one = CA.issueRsa();
        Serving other = CA.issueRsa();

        assertThatThrownBy(() -> PemKeyMaterial.parse(one.chainPem(), "/certs/tls.crt", other.keyPem(KeyFormat.TRADITIONAL), "/certs/tls.key"))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessage("the private key in /certs/tls.key does not belong to the certificate in /certs/tls.crt");
    }

    @Test
    void refusesAKeyOfAnotherAlgorithm() {
        assertThatThrownBy(() -> PemKeyMaterial.parse(CA.issueRsa().chainPem(), "tls.crt",
                CA.issueEc().keyPem(KeyFormat.PKCS8), "tls.key"))
                .isInstanceOf(KeyMaterialException.class)
                .hasMessage("tls.key holds an EC key but the certificate in tls.crt has an RSA key");
    }

    @Test
    void refusesFilesWithoutTheExpectedBlocks() {
        Serving serving = CA.issueRsa();

        assertThatThrownBy(() -> PemKeyMaterial.parse("", "tls.crt", serving.keyPem(KeyFormat.PKCS8), "tls.key"))
                .hasMessage("tls.crt holds no PEM CERTIFICATE block");
        assertThatThrownBy(() -> PemKeyMaterial.parse(serving.chainPem(), "tls.crt", "", "tls.key"))
                .hasMessage("tls.key holds no PEM private key block");
        assertThatThrownBy(() -> PemKeyMaterial.parse(serving.chainPem(), "tls.crt", serving.chainPem(), "tls.key"))
                .hasMessage("tls.key holds a X509CertificateHolder where a private key (PKCS#8, PKCS#1 RSA or SEC1 EC) was expected");
    }
}

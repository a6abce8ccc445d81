package dev.clusteripam.webhook.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusteripam.webhook.testing.TestCertificates;
import dev.clusteripam.webhook.testing.TestCertificates.KeyFormat;
import dev.clusteripam.webhook.testing.TestCertificates.Serving;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingCertificateTest {

    private static final TestCertificates CA = TestCertificates.newAuthority();

    @TempDir
    Path dir;

    @Test
    void servesTheFilesItWasLoadedFrom() throws KeyMaterialException {
        Serving serving = CA.issueRsa();
        serving.writeTo(dir, KeyFormat.TRADITIONAL);

        ServingCertificate certificate = load();

        assertThat(certificate.current().certificate()).isEqualTo(serving.certificate());
        assertThat(certificate.reloadIfChanged()).as("nothing changed").isFalse();
    }

    @Test
    void aMissingFileIsAnErrorThatNamesIt() {
        assertThatThrownBy(this::load)
                .isInstanceOf(KeyMaterialException.class)
                .hasMessageStartingWith("cannot read " + dir.resolve("tls.crt"));
    }

    @Test
    void picksUpARotatedPair() throws KeyMaterialException {
        CA.issueRsa().writeTo(dir, KeyFormat.TRADITIONAL);
        ServingCertificate certificate = load();
        Serving rotated = CA.issueEc();

        rotated.writeTo(dir, KeyFormat.PKCS8);

        assertThat(certificate.reloadIfChanged()).isTrue();
        assertThat(certificate.current().certificate()).isEqualTo(rotated.certificate());
    }

    @Test
    void keepsTheCurrentPairWhileARotationIsHalfWritten() throws KeyMaterialException, IOException {
        Serving original = CA.issueRsa();
        original.writeTo(dir, KeyFormat.TRADITIONAL);
        ServingCertificate certificate = load();
        Serving rotated = CA.issueRsa();

        Files.writeString(dir.resolve("tls.crt"), rotated.chainPem());

        assertThat(certificate.reloadIfChanged()).isFalse();
        assertThat(certificate.current().certificate()).isEqualTo(original.certificate());

        Files.writeString(dir.resolve("tls.key"), rotated.keyPem(KeyFormat.TRADITIONAL));

        assertThat(certificate.reloadIfChanged()).isTrue();
        assertThat(certificate.current().certificate()).isEqualTo(rotated.certificate());
    }

    @Test
    void keepsTheCurrentPairWhileTheFilesAreGone() throws KeyMaterialException, IOException {
        Serving original = CA.issueRsa();
        original.writeTo(dir, KeyFormat.TRADITIONAL);
        ServingCertificate certificate = load();

        Files.delete(dir.resolve("tls.key"));

        assertThat(certificate.reloadIfChanged()).isFalse();
        assertThat(certificate.current().certificate()).isEqualTo(original.certificate());
    }

    private ServingCertificate load() throws KeyMaterialException {
        return ServingCertificate.load(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    }
}

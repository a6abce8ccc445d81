package dev.clusteripam.app.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed serving certificate for 127.0.0.1, written by openssl (which hack/control-plane
 * needs anyway) as cert-manager writes a Secret volume: {@code tls.crt} and {@code tls.key}.
 */
final class ServingCertificateFiles {

    private ServingCertificateFiles() {
    }

    /** Writes {@code tls.crt} and {@code tls.key} into {@code directory}. */
    static void writeSelfSigned(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-days", "1", "-subj", "/CN=cluster-ipam-webhook", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", directory.resolve("tls.key").toString(), "-out", directory.resolve("tls.crt").toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("openssl.log").toFile())
                .start();
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IOException("openssl failed: " + Files.readString(directory.resolve("openssl.log")));
        }
    }

    /** A TLS context that trusts exactly the certificate in {@code directory}. */
    static SSLContext trusting(Path directory) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(directory.resolve("tls.crt"))) {
            trusted.setCertificateEntry("webhook", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}

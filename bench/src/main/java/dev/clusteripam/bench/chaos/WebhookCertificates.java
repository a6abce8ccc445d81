package dev.clusteripam.bench.chaos;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A CA of the run's own and a serving certificate for 127.0.0.1 that it signed, made with openssl
 * (as hack/control-plane makes the API server's) into the directory the provider reads as
 * {@code --webhook-cert-dir}; and the free port the webhook is to be served on.
 */
record WebhookCertificates(Path dir, int port, byte[] caPem) {

    static WebhookCertificates make(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=chaos-webhook-ca",
                "-keyout", "ca.key", "-out", "ca.crt");
        openssl(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "tls.key", "-out", "tls.csr");
        Files.writeString(dir.resolve("san.ext"), "basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n"
                + "subjectAltName=IP:127.0.0.1\n");
        openssl(dir, "x509", "-req", "-in", "tls.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", "san.ext", "-out", "tls.crt");
        return new WebhookCertificates(dir, Provider.freePort(), Files.readAllBytes(dir.resolve("ca.crt")));
    }

    String caBundleBase64() {
        return Base64.getEncoder().encodeToString(caPem);
    }

    /** A TLS context that trusts this CA alone: what the slow clients connect with. */
    SSLContext clientContext() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(caPem)));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(concat(args)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed; see " + dir.resolve("openssl.log"));
        }
    }

    private static List<String> concat(String... args) {
        return Stream.concat(Stream.of("openssl"), Arrays.stream(args)).toList();
    }
}

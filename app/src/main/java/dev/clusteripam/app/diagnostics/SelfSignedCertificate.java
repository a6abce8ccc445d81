package dev.clusteripam.app.diagnostics;

import dev.clusteripam.webhook.tls.KeyMaterial;
import dev.clusteripam.webhook.tls.ReloadingKeyManager;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A serving certificate made in memory at start, as controller-runtime's metrics server makes one
 * when it is given none: the scraper (Prometheus with {@code insecureSkipVerify}, as Cluster API's
 * ServiceMonitors are written) gets TLS, and authentication rests on the bearer token, not on the
 * certificate. Nothing is written to disk, so a read-only root filesystem is fine.
 */
final class SelfSignedCertificate {

    /** Long enough to outlive any pod; a restart makes a new one. */
    private static final Duration VALIDITY = Duration.ofDays(365);
    private static final String SUBJECT = "CN=cluster-ipam-diagnostics";

    private SelfSignedCertificate() {
    }

    /** A TLS context serving a fresh P-256 key and a certificate for localhost, 127.0.0.1 and this host's name. */
    static SSLContext serverContext() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X509Certificate certificate = certificate(keys);

        // The key handed to TLS as it is: a PKCS12 key store would encrypt it with 10,000 PBKDF2
        // iterations and decrypt it again, a tenth of a second of a cold start's CPU for nothing.
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new ReloadingKeyManager(new KeyMaterial(List.of(certificate), keys.getPrivate()))}, null, null);
        return context;
    }

    private static X509Certificate certificate(KeyPair keys) throws GeneralSecurityException {
        Instant now = Instant.now();
        X500Name subject = new X500Name(SUBJECT);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom()),
                // A little in the past, so that a scraper whose clock is behind accepts it at once.
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names()));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot make the diagnostics certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralName[] names() {
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        try {
            names.add(new GeneralName(GeneralName.dNSName, InetAddress.getLocalHost().getHostName()));
        } catch (UnknownHostException e) {
            // The pod's name is a courtesy for a verifying client; localhost covers port-forwarding.
        }
        return names.toArray(GeneralName[]::new);
    }
}

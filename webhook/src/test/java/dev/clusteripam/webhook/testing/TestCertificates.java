package dev.clusteripam.webhook.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A certificate authority made for a test, and serving certificates it signs, written as the
 * webhook reads them: a PEM chain and a PEM key in the form cert-manager writes (PKCS#1 for RSA,
 * SEC1 for EC) or in PKCS#8.
 */
public final class TestCertificates {

    /** The private key's PEM form. */
    public enum KeyFormat {
        /** {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}: cert-manager's default. */
        TRADITIONAL,
        /** {@code PRIVATE KEY}. */
        PKCS8
    }

    /** A serving certificate (first in the chain, then the CA) with its key pair. */
    public record Serving(X509Certificate certificate, X509Certificate issuer, KeyPair keys) {

        public String chainPem() {
            return pem(certificate) + pem(issuer);
        }

        public String keyPem(KeyFormat format) {
            try {
                if (format == KeyFormat.PKCS8) {
                    return pem(new JcaPKCS8Generator(keys.getPrivate(), null));
                }
                return keys.getPrivate().getAlgorithm().equals("EC") ? pem(sec1(keys)) : pem(keys.getPrivate());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Writes {@code tls.crt} and {@code tls.key} into {@code dir}. */
        public void writeTo(Path dir, KeyFormat format) {
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("tls.crt"), chainPem());
                Files.writeString(dir.resolve("tls.key"), keyPem(format));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestCertificates(KeyPair caKeys, X509Certificate ca) {
        this.caKeys = caKeys;
        this.ca = ca;
    }

    /** A new self-signed CA with an RSA key. */
    public static TestCertificates newAuthority() {
        KeyPair keys = rsaKeys();
        X500Name name = new X500Name("CN=cluster-ipam webhook test CA " + SERIALS.incrementAndGet());
        X509v3CertificateBuilder builder = builder(name, name, keys);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestCertificates(keys, sign(builder, keys));
    }

    /** A serving certificate for 127.0.0.1 and localhost with a new RSA key. */
    public Serving issueRsa() {
        return issue(rsaKeys());
    }

    /** A serving certificate for 127.0.0.1 and localhost with a new EC P-256 key. */
    public Serving issueEc() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return issue(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate certificate() {
        return ca;
    }

    /** The CA as a webhook configuration's {@code caBundle} takes it: base64 of the PEM. */
    public byte[] caBundle() {
        return pem(ca).getBytes(StandardCharsets.US_ASCII);
    }

    public String caBundleBase64() {
        return Base64.getEncoder().encodeToString(caBundle());
    }

    /** A client TLS context that trusts this CA only. */
    public SSLContext clientContext() {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", ca);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Serving issue(KeyPair keys) {
        X509v3CertificateBuilder builder = builder(new X500Name("CN=127.0.0.1"),
                X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), keys);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Serving(sign(builder, caKeys), ca, keys);
    }

    private static X509v3CertificateBuilder builder(X500Name subject, X500Name issuer, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signerKeys) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signerKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An {@code EC PRIVATE KEY} as Go and openssl write it, with the curve and the public key;
     * Bouncy Castle's writer would leave both out.
     */
    private static PemObject sec1(KeyPair keys) throws IOException {
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        ECPrivateKey withoutCurve = ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
        ECPrivateKey complete = new ECPrivateKey(256, withoutCurve.getKey(),
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData(),
                pkcs8.getPrivateKeyAlgorithm().getParameters());
        return new PemObject("EC PRIVATE KEY", complete.getEncoded());
    }

    static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}

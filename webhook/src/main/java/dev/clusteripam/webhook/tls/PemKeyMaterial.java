package dev.clusteripam.webhook.tls;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a certificate chain and its private key from PEM text, as cert-manager and kubeadm write
 * them: the key in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 RSA ({@code RSA PRIVATE KEY}, cert-manager's
 * default) or SEC1 EC ({@code EC PRIVATE KEY}) form, unencrypted.
 */
public final class PemKeyMaterial {

    private static final byte[] PAIR_CHECK_CHALLENGE = "cluster-ipam webhook key pair check".getBytes(StandardCharsets.US_ASCII);

    private PemKeyMaterial() {
    }

    /**
     * Parses PEM text; {@code certificateSource} and {@code keySource} name where the text came from,
     * for messages. The key must belong to the first certificate of the chain.
     */
    public static KeyMaterial parse(String certificatePem, String certificateSource, String keyPem, String keySource)
            throws KeyMaterialException {
        List<X509Certificate> chain = certificates(certificatePem, certificateSource);
        PrivateKey key = privateKey(keyPem, keySource);
        requireMatchingPair(chain.get(0), key, certificateSource, keySource);
        return new KeyMaterial(chain, key);
    }

    private static List<X509Certificate> certificates(String pem, String source) throws KeyMaterialException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                if (block instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyMaterialException(source + " is not a PEM certificate chain: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new KeyMaterialException(source + " holds no PEM CERTIFICATE block");
        }
        return chain;
    }

    private static PrivateKey privateKey(String pem, String source) throws KeyMaterialException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                if (block instanceof PrivateKeyInfo pkcs8) {
                    return converter.getPrivateKey(pkcs8);
                }
                if (block instanceof PEMKeyPair pkcs1OrSec1) {
                    // Only the private half: SEC1 makes the public key optional.
                    return converter.getPrivateKey(pkcs1OrSec1.getPrivateKeyInfo());
                }
                if (block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new KeyMaterialException(source + " holds an encrypted private key; the webhook needs it unencrypted");
                }
                // openssl ecparam -genkey writes an EC PARAMETERS block (an OID) before the key itself.
                if (!(block instanceof ASN1ObjectIdentifier)) {
                    throw new KeyMaterialException(source + " holds a " + block.getClass().getSimpleName()
                            + " where a private key (PKCS#8, PKCS#1 RSA or SEC1 EC) was expected");
                }
            }
        } catch (IOException e) {
            throw new KeyMaterialException(source + " is not a PEM private key: " + e.getMessage(), e);
        }
        throw new KeyMaterialException(source + " holds no PEM private key block");
    }

    /**
     * Signs with the key and verifies with the certificate: a key written before its certificate
     * (rotation in progress) is caught here rather than in every TLS handshake.
     */
    private static void requireMatchingPair(X509Certificate certificate, PrivateKey key, String certificateSource,
            String keySource) throws KeyMaterialException {
        PublicKey publicKey = certificate.getPublicKey();
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            throw new KeyMaterialException(keySource + " holds an " + key.getAlgorithm() + " key but the certificate in "
                    + certificateSource + " has an " + publicKey.getAlgorithm() + " key");
        }
        try {
            String algorithm = signatureAlgorithm(key);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PAIR_CHECK_CHALLENGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PAIR_CHECK_CHALLENGE);
            if (!verifier.verify(signature)) {
                throw new KeyMaterialException("the private key in " + keySource
                        + " does not belong to the certificate in " + certificateSource);
            }
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("cannot check that the key in " + keySource + " belongs to the certificate in "
                    + certificateSource + ": " + e.getMessage(), e);
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
    }
}

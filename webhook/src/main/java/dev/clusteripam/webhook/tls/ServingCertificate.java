package dev.clusteripam.webhook.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's serving certificate and key, read from two PEM files, and reread when their content
 * changes (cert-manager rotates them in place; the kubelet swaps a Secret volume's files
 * atomically). A TLS context made once from it serves the newest readable pair without a restart;
 * while the files hold something unusable (a half-written rotation, say), the last good pair stays
 * in use.
 */
public final class ServingCertificate {

    private static final Logger LOG = LoggerFactory.getLogger(ServingCertificate.class);

    private final Path certificateFile;
    private final Path keyFile;
    private final ReloadingKeyManager keyManager;
    /** The file contents last looked at, usable or not; a change of either means: read again. */
    private FileContents lastSeen;
    /** What kept the last reload from happening, so that it is logged once. */
    private String lastProblem;

    private record FileContents(byte[] certificate, byte[] key) {

        boolean sameAs(FileContents other) {
            return other != null && Arrays.equals(certificate, other.certificate) && Arrays.equals(key, other.key);
        }
    }

    private ServingCertificate(Path certificateFile, Path keyFile, FileContents contents, KeyMaterial material) {
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
        this.lastSeen = contents;
        this.keyManager = new ReloadingKeyManager(material);
    }

    /** Reads the pair; fails when either file is missing or unusable. */
    public static ServingCertificate load(Path certificateFile, Path keyFile) throws KeyMaterialException {
        FileContents contents = readContents(certificateFile, keyFile);
        KeyMaterial material = parse(contents, certificateFile, keyFile);
        LOG.info("webhook serving certificate loaded: file={} subject=\"{}\" notAfter={}", certificateFile,
                material.certificate().getSubjectX500Principal().getName(), material.certificate().getNotAfter().toInstant());
        return new ServingCertificate(certificateFile, keyFile, contents, material);
    }

    /**
     * Rereads the files and, when their content changed and is usable, serves the new pair from the
     * next handshake on. Returns whether it did.
     */
    public synchronized boolean reloadIfChanged() {
        try {
            FileContents contents = readContents(certificateFile, keyFile);
            if (contents.sameAs(lastSeen)) {
                return false;
            }
            lastSeen = contents;
            KeyMaterial material = parse(contents, certificateFile, keyFile);
            keyManager.replace(material);
            lastProblem = null;
            LOG.info("webhook serving certificate reloaded: file={} subject=\"{}\" notAfter={}", certificateFile,
                    material.certificate().getSubjectX500Principal().getName(),
                    material.certificate().getNotAfter().toInstant());
            return true;
        } catch (KeyMaterialException e) {
            // Checked every few seconds: say it once, not at every check, until something changes.
            if (!e.getMessage().equals(lastProblem)) {
                LOG.warn("webhook serving certificate not reloaded, the current one stays in use: {}", e.getMessage());
                lastProblem = e.getMessage();
            }
            return false;
        }
    }

    /** The pair new handshakes get. */
    public KeyMaterial current() {
        return keyManager.current();
    }

    /** A server TLS context that always serves the current pair. */
    public SSLContext newServerContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS: " + e.getMessage(), e);
        }
    }

    private static FileContents readContents(Path certificateFile, Path keyFile) throws KeyMaterialException {
        return new FileContents(readBytes(certificateFile), readBytes(keyFile));
    }

    private static byte[] readBytes(Path file) throws KeyMaterialException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KeyMaterialException("cannot read " + file + ": " + e, e);
        }
    }

    private static KeyMaterial parse(FileContents contents, Path certificateFile, Path keyFile) throws KeyMaterialException {
        return PemKeyMaterial.parse(new String(contents.certificate(), StandardCharsets.US_ASCII), certificateFile.toString(),
                new String(contents.key(), StandardCharsets.US_ASCII), keyFile.toString());
    }
}

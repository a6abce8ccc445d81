import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Writes the Java runtime's trust store ({@code lib/security/cacerts}) from a directory of PEM
 * certificates, byte for byte the same for the same certificates.
 *
 * <p>{@code KeyStore.store} cannot do that: JKS stamps each entry with the current time and PKCS12
 * adds a random salt. So this writes the JKS layout itself, as OpenJDK's build does for its own
 * cacerts: entries sorted by alias, each dated by its certificate's notBefore, and the keyed SHA-1
 * trailer with the customary password {@code changeit}. The runtime reads JKS trust stores (its
 * PKCS12 keystore type falls back to JKS for them).
 *
 * <p>Usage: {@code java JavaTrustStore.java CERTIFICATE_DIRECTORY OUTPUT_FILE}; every {@code *.crt}
 * file directly in the directory becomes an entry named {@code debian:<file name>} (as Debian's
 * ca-certificates-java names them).
 */
public final class JavaTrustStore {

    private static final int MAGIC = 0xFEEDFEED;
    private static final int VERSION = 2;
    private static final int TRUSTED_CERTIFICATE_ENTRY = 2;
    private static final char[] PASSWORD = "changeit".toCharArray();
    // The JKS integrity check hashes this phrase after the password; fixed by the format.
    private static final byte[] INTEGRITY_SALT = "Mighty Aphrodite".getBytes(StandardCharsets.UTF_8);

    private record Entry(String alias, X509Certificate certificate) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java JavaTrustStore.java CERTIFICATE_DIRECTORY OUTPUT_FILE");
            System.exit(2);
        }
        List<Entry> entries = read(Path.of(args[0]));
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no *.crt file in " + args[0]);
        }
        Files.write(Path.of(args[1]), jks(entries));
        System.err.println("JavaTrustStore: wrote " + entries.size() + " certificates to " + args[1]);
    }

    private static List<Entry> read(Path directory) throws IOException, CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".crt")).sorted().toList();
        }
        List<Entry> entries = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                X509Certificate certificate = (X509Certificate) factory.generateCertificate(in);
                String alias = "debian:" + file.getFileName().toString().toLowerCase(Locale.ROOT);
                entries.add(new Entry(alias, certificate));
            }
        }
        return entries;
    }

    private static byte[] jks(List<Entry> entries) throws IOException, CertificateException, NoSuchAlgorithmException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(entries.size());
        for (Entry entry : entries) {
            byte[] encoded = entry.certificate().getEncoded();
            out.writeInt(TRUSTED_CERTIFICATE_ENTRY);
            out.writeUTF(entry.alias());
            out.writeLong(entry.certificate().getNotBefore().getTime());
            out.writeUTF("X.509");
            out.writeInt(encoded.length);
            out.write(encoded);
        }
        out.flush();
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        for (char c : PASSWORD) {
            sha1.update((byte) (c >> 8));
            sha1.update((byte) c);
        }
        sha1.update(INTEGRITY_SALT);
        sha1.update(bytes.toByteArray());
        out.write(sha1.digest());
        out.flush();
        return bytes.toByteArray();
    }
}

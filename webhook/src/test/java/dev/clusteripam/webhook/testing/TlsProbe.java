package dev.clusteripam.webhook.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Whether a TLS server on loopback completes a handshake with a client that offers exactly one
 * protocol version and one cipher suite. The client trusts any certificate: what is probed is what
 * the server negotiates, not who it is.
 */
public final class TlsProbe {

    private static final int TIMEOUT_MILLIS = 5_000;

    private TlsProbe() {
    }

    /** With the JDK's client, which offers TLS 1.2 and CBC suites unless told otherwise. */
    public static boolean jdkHandshakes(InetSocketAddress server, String protocol, String cipherSuite) throws IOException {
        try (SSLSocket socket = (SSLSocket) trustingAnyCertificate().getSocketFactory().createSocket()) {
            socket.connect(server, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setEnabledCipherSuites(new String[] {cipherSuite});
            socket.startHandshake();
            return true;
        } catch (SSLException e) {
            return false;
        }
    }

    /**
     * With {@code openssl s_client}, which can still offer TLS 1.1 (the JDK's own client refuses
     * to): {@code protocolFlag} such as {@code -tls1_1}, {@code cipher} in OpenSSL's names.
     * Security level 0 lets the client offer what it would otherwise refuse itself.
     */
    public static boolean opensslHandshakes(InetSocketAddress server, String protocolFlag, String cipher)
            throws IOException, InterruptedException {
        Process client = new ProcessBuilder(List.of("openssl", "s_client", "-connect", server.getHostString() + ":" + server.getPort(),
                protocolFlag, "-cipher", cipher + ":@SECLEVEL=0", "-brief"))
                .redirectErrorStream(true).start();
        client.getOutputStream().close();
        if (!client.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            client.destroyForcibly();
            throw new IOException("openssl s_client did not finish in " + TIMEOUT_MILLIS + " ms");
        }
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return client.exitValue() == 0 && output.contains("CONNECTION ESTABLISHED");
    }

    /** Whether {@code openssl} is on the path, for tests that need it. */
    public static boolean opensslAvailable() {
        try {
            Process probe = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            return probe.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A client context that accepts any server certificate. */
    public static SSLContext trustingAnyCertificate() {
        TrustManager anyCertificate = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // a server-side check, never called on a client
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // the probe is about the protocol, not the server's identity
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {anyCertificate}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

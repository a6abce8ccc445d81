package dev.clusteripam.webhook.tls;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * What the provider's HTTPS servers (the webhook and the diagnostics endpoint) accept: TLS 1.3 and
 * 1.2 only, and only AEAD cipher suites with forward secrecy (AES-GCM, ChaCha20-Poly1305 over
 * ECDHE). No CBC suite, none authenticated with SHA-1, no static RSA key exchange: what the
 * Kubernetes API server and Prometheus offer by default all fits, as Go's TLS stack prefers these.
 */
public final class TlsPolicy {

    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** TLS 1.3's suites are all AEAD; for 1.2, the ECDHE ones with GCM or ChaCha20-Poly1305. */
    public static final Set<String> CIPHER_SUITES = Set.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsPolicy() {
    }

    /** For the JDK's HTTPS server: every connection gets {@link #serverParameters(SSLContext)}. */
    public static HttpsConfigurator httpsConfigurator(SSLContext context) {
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                parameters.setSSLParameters(serverParameters(getSSLContext()));
            }
        };
    }

    /**
     * The server-side parameters for {@code context}: the protocols and suites above, in the JDK's
     * order of preference, the server's order winning; no client certificate asked for.
     */
    public static SSLParameters serverParameters(SSLContext context) {
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS.toArray(String[]::new));
        parameters.setCipherSuites(Arrays.stream(context.getSupportedSSLParameters().getCipherSuites())
                .filter(CIPHER_SUITES::contains)
                .toArray(String[]::new));
        parameters.setUseCipherSuitesOrder(true);
        parameters.setNeedClientAuth(false);
        return parameters;
    }
}

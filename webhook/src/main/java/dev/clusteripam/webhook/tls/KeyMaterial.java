package dev.clusteripam.webhook.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** A serving certificate, the chain that comes with it, and its private key. */
public record KeyMaterial(List<X509Certificate> chain, PrivateKey privateKey) {

    public KeyMaterial {
        chain = List.copyOf(chain);
        Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the serving certificate");
        }
    }

    /** The serving certificate: the first of the chain. */
    public X509Certificate certificate() {
        return chain.get(0);
    }
}

package dev.clusteripam.webhook.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server key manager whose key material can be replaced while the server runs, for certificates
 * that cert-manager rotates.
 *
 * <p>A handshake first asks for an alias and later for that alias's chain and key. Each material
 * gets an alias of its own, and the material before the current one stays reachable, so that a
 * handshake that picked its alias just before a replacement still gets a chain and key that belong
 * together.
 */
public final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS_PREFIX = "webhook-serving-";

    private record Generation(long number, KeyMaterial material) {

        String alias() {
            return ALIAS_PREFIX + number;
        }
    }

    private record Generations(Generation current, Generation previous) {

        Generation find(String alias) {
            if (current.alias().equals(alias)) {
                return current;
            }
            return previous != null && previous.alias().equals(alias) ? previous : null;
        }
    }

    private final AtomicReference<Generations> generations;

    public ReloadingKeyManager(KeyMaterial initial) {
        generations = new AtomicReference<>(new Generations(new Generation(0, initial), null));
    }

    /** Serves {@code material} from the next handshake on. */
    public void replace(KeyMaterial material) {
        Objects.requireNonNull(material, "material");
        generations.updateAndGet(old -> new Generations(new Generation(old.current().number() + 1, material), old.current()));
    }

    /** The material new handshakes get. */
    public KeyMaterial current() {
        return generations.get().current().material();
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return chooseServerAlias(keyType, issuers, (Socket) null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Generation current = generations.get().current();
        // JSSE asks once per key type it could use (RSA, EC, ...); only the one of our key fits.
        return current.material().privateKey().getAlgorithm().equals(keyType) ? current.alias() : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = chooseServerAlias(keyType, issuers, (Socket) null);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Generation generation = generations.get().find(alias);
        return generation == null ? null : generation.material().chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Generation generation = generations.get().find(alias);
        return generation == null ? null : generation.material().privateKey();
    }

    /** A server does not authenticate itself as a client. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}

package dev.clusteripam.webhook.tls;

/** Certificate or key files that cannot serve TLS; the message names the file and what is wrong. */
public final class KeyMaterialException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyMaterialException(String message) {
        super(message);
    }

    public KeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}

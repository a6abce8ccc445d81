package dev.clusteripam.webhook.admission;

/** An admission request whose object cannot be read as a pool; the message says why. */
final class UndecodablePoolException extends Exception {
    private static final long serialVersionUID = 1L;

    UndecodablePoolException(String message) {
        super(message);
    }
}

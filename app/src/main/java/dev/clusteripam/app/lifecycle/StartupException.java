package dev.clusteripam.app.lifecycle;

/** A long-running command could not start; the message says why in words an operator can act on. */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}

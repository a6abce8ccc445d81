package dev.clusteripam.webhook.allocations;

/** {@link PoolAddresses} cannot answer yet, typically because its cache is still loading. */
public final class AllocationsUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public AllocationsUnavailableException(String message) {
        super(message);
    }
}

package dev.clusteripam.core.ip;

/** Text that is not an address, range or prefix; the message says what is wrong with it. */
public final class IpFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public IpFormatException(String message) {
        super(message);
    }
}

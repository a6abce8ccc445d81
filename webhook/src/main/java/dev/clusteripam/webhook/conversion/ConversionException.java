package dev.clusteripam.webhook.conversion;

/** An object that cannot be converted; the message names the object, the field and the value. */
public final class ConversionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConversionException(String message) {
        super(message);
    }
}

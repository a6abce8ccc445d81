package dev.clusteripam.webhook.admission;

import dev.clusteripam.core.pool.FieldError;
import java.util.Optional;

/**
 * An admission request whose object cannot be read as a pool: either there is no object at all
 * (the message says so) or one field holds a value the model cannot hold (the field error names it).
 */
final class UndecodablePoolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient FieldError fieldError;

    UndecodablePoolException(String message) {
        super(message);
        this.fieldError = null;
    }

    UndecodablePoolException(FieldError fieldError) {
        super(fieldError.toString());
        this.fieldError = fieldError;
    }

    /** The field that could not be read, when the object has one. */
    Optional<FieldError> fieldError() {
        return Optional.ofNullable(fieldError);
    }
}

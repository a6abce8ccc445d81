package dev.clusteripam.core.pool;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot become a pool; carries every error found. */
public final class InvalidPoolSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    public InvalidPoolSpecException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}

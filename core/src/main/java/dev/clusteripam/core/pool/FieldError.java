package dev.clusteripam.core.pool;

import java.util.Objects;

/**
 * One thing wrong with a spec, shaped like Kubernetes' {@code field.Invalid}: the field path
 * ({@code spec.addresses[2]}), the offending value as written, and what is wrong with it.
 */
public record FieldError(String field, String value, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(message, "message");
    }

    /** Kubernetes' own wording: {@code spec.prefix: Invalid value: "33": <message>}. */
    @Override
    public String toString() {
        return field + ": Invalid value: \"" + value + "\": " + message;
    }
}

package dev.clusteripam.core.pool;

import dev.clusteripam.core.text.Excerpt;
import java.util.Objects;

/**
 * One thing wrong with a spec, shaped like Kubernetes' {@code field.Invalid}: the field path
 * ({@code spec.addresses[2]}), the offending value as written, and what is wrong with it. The value
 * and the message are bounded ({@link Excerpt}) when the error is made, so that no refusal, log
 * line or condition that quotes it can grow with what a user wrote.
 */
public record FieldError(String field, String value, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(message, "message");
        value = Excerpt.of(value);
        message = Excerpt.ofMessage(message);
    }

    /** Kubernetes' own wording: {@code spec.prefix: Invalid value: "33": <message>}. */
    @Override
    public String toString() {
        return field + ": Invalid value: \"" + value + "\": " + message;
    }
}

package dev.clusteripam.webhook.json;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.clusteripam.core.pool.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Jackson's failure to read part of an object into the field error an operator can act on:
 * the field's path and the value written there, as Kubernetes names a wrong value, rather than
 * Jackson's own message (which names Java classes and quotes the value without bound).
 */
public final class UndecodableField {

    private UndecodableField() {
    }

    /**
     * The field error for {@code failure}, raised while reading {@code fields}: the JSON of the part
     * named {@code root} ("spec", "metadata", or "" for a whole object). Empty when Jackson did not
     * say which field.
     */
    public static Optional<FieldError> of(IllegalArgumentException failure, String root, Object fields) {
        Optional<JsonMappingException> mapping = mappingException(failure);
        if (mapping.isEmpty() || mapping.get().getPath().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder path = new StringBuilder(root);
        Object value = fields;
        for (JsonMappingException.Reference step : mapping.get().getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
                value = value instanceof Map<?, ?> map ? map.get(step.getFieldName()) : null;
            } else {
                path.append('[').append(step.getIndex()).append(']');
                value = value instanceof List<?> list && step.getIndex() >= 0 && step.getIndex() < list.size()
                        ? list.get(step.getIndex()) : null;
            }
        }
        return Optional.of(new FieldError(path.toString(), String.valueOf(value), "must be " + expected(mapping.get())));
    }

    private static Optional<JsonMappingException> mappingException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonMappingException mapping) {
                return Optional.of(mapping);
            }
        }
        return Optional.empty();
    }

    /** What the field holds, in the words of the API's types rather than Java's. */
    private static String expected(DatabindException failure) {
        Class<?> type = failure instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (type == Integer.class || type == int.class) {
            return "a 32-bit integer (" + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")";
        }
        if (type == Long.class || type == long.class) {
            return "a 64-bit integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type != null && List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "of the type the field's schema gives";
    }
}

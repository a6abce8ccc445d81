package dev.clusteripam.controller.decoding;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.clusteripam.core.pool.FieldError;

/**
 * Why an object could not be decoded, said as a user can act on it and as Kubernetes words a
 * refusal: the field, its value and what the provider can hold there ({@code
 * spec.addressReuseGracePeriodSeconds: Invalid value: "2147483648": cannot be read: out of range of
 * int32}), not a parser's stack of messages.
 */
final class DecodeFailure {

    /** Integer fields by the width the schema calls them, as OpenAPI formats do. */
    private static final Map<Class<?>, String> INTEGER_WIDTHS = Map.of(
            Integer.class, "int32", int.class, "int32", Long.class, "int64", long.class, "int64",
            Short.class, "int16", short.class, "int16");

    /** The field named when the parser names none. */
    static final String WHOLE_OBJECT = "(object)";

    private DecodeFailure() {
    }

    static FieldError of(Throwable error, JsonNode object) {
        List<JsonMappingException.Reference> path = error instanceof JsonMappingException mapping ? mapping.getPath() : List.of();
        String field = path.stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        JsonNode found = object.at(JsonPointer.compile(path.stream()
                .map(r -> "/" + (r.getFieldName() != null ? escape(r.getFieldName()) : Integer.toString(r.getIndex())))
                .collect(Collectors.joining())));
        String value = found.isMissingNode() ? "" : found.isTextual() ? found.textValue() : found.toString();
        return new FieldError(field.isEmpty() ? WHOLE_OBJECT : field, value, "cannot be read: " + problemOf(error, found));
    }

    private static String problemOf(Throwable error, JsonNode found) {
        Class<?> target = targetOf(error);
        if (found.isIntegralNumber() && target != null && INTEGER_WIDTHS.containsKey(target)) {
            return "out of range of " + INTEGER_WIDTHS.get(target);
        }
        return target != null ? "not a valid " + target.getSimpleName() : "malformed (" + error.getClass().getSimpleName() + ")";
    }

    /** The Java type the value was to become, from the first part of the chain that names one. */
    private static Class<?> targetOf(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InputCoercionException coercion && coercion.getTargetType() != null) {
                return coercion.getTargetType();
            }
            if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                return mismatch.getTargetType();
            }
        }
        return null;
    }

    private static String escape(String fieldName) {
        return fieldName.replace("~", "~0").replace("/", "~1");
    }
}

package dev.clusteripam.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Typed access to the fields of one YAML mapping of a manifest. A field that is missing or null
 * is absent, as the API server reads it; a value of the wrong type is refused with the field's
 * path, as the API server refuses the object before any webhook sees it.
 */
final class FieldReader {

    /** A field holds a value of the wrong type, or a required field is missing. */
    static final class FieldException extends Exception {
        private static final long serialVersionUID = 1L;

        FieldException(String message) {
            super(message);
        }
    }

    private final JsonNode mapping;
    private final String path;

    private FieldReader(JsonNode mapping, String path) {
        this.mapping = mapping;
        this.path = path;
    }

    /** The fields of a whole document, which the caller has checked to be a mapping. */
    static FieldReader ofDocument(JsonNode document) {
        return new FieldReader(document, "");
    }

    /** The nested mapping {@code name}; an absent one reads as empty. */
    FieldReader mapping(String name) throws FieldException {
        JsonNode value = mapping.path(name);
        if (isAbsent(value)) {
            return new FieldReader(JsonNodeFactory.instance.objectNode(), pathOf(name));
        }
        if (!value.isObject()) {
            throw wrongType(pathOf(name), "a mapping", value);
        }
        return new FieldReader(value, pathOf(name));
    }

    Optional<String> string(String name) throws FieldException {
        JsonNode value = mapping.path(name);
        if (isAbsent(value)) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw wrongType(pathOf(name), "a string", value);
        }
        return Optional.of(value.textValue());
    }

    String requiredString(String name) throws FieldException {
        return string(name).orElseThrow(() -> new FieldException(pathOf(name) + ": required, but missing"));
    }

    List<String> strings(String name) throws FieldException {
        JsonNode value = mapping.path(name);
        if (isAbsent(value)) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(pathOf(name), "a list of strings", value);
        }
        List<String> result = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw wrongType(pathOf(name) + "[" + i + "]", "a string", item);
            }
            result.add(item.textValue());
        }
        return result;
    }

    OptionalInt integer(String name) throws FieldException {
        JsonNode value = mapping.path(name);
        if (isAbsent(value)) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(pathOf(name), "a 32-bit integer", value);
        }
        return OptionalInt.of(value.intValue());
    }

    int requiredInteger(String name) throws FieldException {
        return integer(name).orElseThrow(() -> new FieldException(pathOf(name) + ": required, but missing"));
    }

    OptionalLong longInteger(String name) throws FieldException {
        JsonNode value = mapping.path(name);
        if (isAbsent(value)) {
            return OptionalLong.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(pathOf(name), "a 64-bit integer", value);
        }
        return OptionalLong.of(value.longValue());
    }

    Optional<Boolean> bool(String name) throws FieldException {
        JsonNode value = mapping.path(name);
        if (isAbsent(value)) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw wrongType(pathOf(name), "true or false", value);
        }
        return Optional.of(value.booleanValue());
    }

    /** Whether the field is written, with a value other than null. */
    boolean has(String name) {
        return !isAbsent(mapping.path(name));
    }

    /** The mapping of strings {@code name} (labels, say); an absent one reads as empty. */
    Map<String, String> stringMap(String name) throws FieldException {
        FieldReader entries = mapping(name);
        Map<String, String> result = new LinkedHashMap<>();
        for (Iterator<String> names = entries.mapping.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            result.put(key, entries.string(key).orElse(""));
        }
        return result;
    }

    /** The list of mappings {@code name}; an absent one reads as empty. */
    List<FieldReader> mappings(String name) throws FieldException {
        JsonNode value = mapping.path(name);
        if (isAbsent(value)) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(pathOf(name), "a list", value);
        }
        List<FieldReader> result = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String itemPath = pathOf(name) + "[" + i + "]";
            if (!value.get(i).isObject()) {
                throw wrongType(itemPath, "a mapping", value.get(i));
            }
            result.add(new FieldReader(value.get(i), itemPath));
        }
        return result;
    }

    /** The paths of the fields not named in {@code known}, in the order they are written. */
    List<String> unknownFields(Set<String> known) {
        List<String> unknown = new ArrayList<>();
        mapping.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                unknown.add(pathOf(name));
            }
        });
        return unknown;
    }

    /** What a value is, for messages: {@code string "abc"}, {@code number 1.5}, {@code a list}. */
    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "string \"" + value.textValue() + "\"";
        }
        if (value.isNumber()) {
            return "number " + value.numberValue();
        }
        if (value.isBoolean()) {
            return "boolean " + value.booleanValue();
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static boolean isAbsent(JsonNode value) {
        return value.isMissingNode() || value.isNull();
    }

    private static FieldException wrongType(String path, String expected, JsonNode actual) {
        return new FieldException(path + ": expected " + expected + ", got " + describe(actual));
    }

    private String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}

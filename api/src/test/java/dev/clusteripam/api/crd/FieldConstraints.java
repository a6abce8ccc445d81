package dev.clusteripam.api.crd;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.clusteripam.api.ipam.ListEntries;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRuleBuilder;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the generator's annotations cannot say about a field, added by walking each model class
 * alongside its schema:
 *
 * <ul>
 *   <li>every integer is bounded to the Java type that reads it ({@code format: int32} with
 *       int32's limits where the schema gives none, {@code format: int64} for longs), so that the
 *       API server refuses a value our decoder could not hold, instead of storing an object that
 *       stops every informer watching it;</li>
 *   <li>the entries of a list of strings get {@link ListEntries}' length bound and CEL rule.</li>
 * </ul>
 */
final class FieldConstraints {

    private FieldConstraints() {
    }

    /** Adds the constraints of a kind's spec and status (and their fields, at any depth) to its schema. */
    static void addToResource(Class<? extends CustomResource<?, ?>> model, JSONSchemaProps root) {
        Type[] specAndStatus = specAndStatusTypes(model);
        String[] names = {"spec", "status"};
        for (int i = 0; i < names.length; i++) {
            JSONSchemaProps part = root.getProperties().get(names[i]);
            if (part != null && specAndStatus[i] instanceof Class<?> partType) {
                add(partType, part);
            }
        }
    }

    /**
     * The classes {@code model} gives {@link CustomResource}'s spec and status parameters, through
     * any generic classes between them (a pool class generic over its spec class, say).
     */
    private static Type[] specAndStatusTypes(Class<?> model) {
        Map<TypeVariable<?>, Type> bound = new HashMap<>();
        Class<?> type = model;
        while (true) {
            ParameterizedType parent = (ParameterizedType) type.getGenericSuperclass();
            Type[] arguments = parent.getActualTypeArguments().clone();
            for (int i = 0; i < arguments.length; i++) {
                if (arguments[i] instanceof TypeVariable<?> variable) {
                    arguments[i] = bound.get(variable);
                }
            }
            if (parent.getRawType() == CustomResource.class) {
                return arguments;
            }
            Class<?> raw = (Class<?>) parent.getRawType();
            for (int i = 0; i < arguments.length; i++) {
                bound.put(raw.getTypeParameters()[i], arguments[i]);
            }
            type = raw;
        }
    }

    /** Adds the constraints of {@code model}'s fields (and their fields, at any depth) to {@code schema}. */
    private static void add(Class<?> model, JSONSchemaProps schema) {
        for (Class<?> type = model; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                JsonProperty property = field.getAnnotation(JsonProperty.class);
                JSONSchemaProps fieldSchema = property == null || schema.getProperties() == null
                        ? null : schema.getProperties().get(property.value());
                if (fieldSchema != null) {
                    constrain(field, fieldSchema);
                }
            }
        }
    }

    private static void constrain(Field field, JSONSchemaProps schema) {
        Class<?> type = field.getType();
        if (type == Integer.class || type == int.class) {
            schema.setFormat("int32");
            if (schema.getMinimum() == null) {
                schema.setMinimum((double) Integer.MIN_VALUE);
            }
            if (schema.getMaximum() == null) {
                schema.setMaximum((double) Integer.MAX_VALUE);
            }
        } else if (type == Long.class || type == long.class) {
            schema.setFormat("int64");
        } else if (List.class.isAssignableFrom(type)) {
            ListEntries entries = field.getAnnotation(ListEntries.class);
            JSONSchemaProps items = schema.getItems().getSchema();
            if (entries != null) {
                schema.setMaxItems(entries.maxItems());
                items.setMaxLength(entries.maxLength());
                List<ValidationRule> rules = items.getXKubernetesValidations() == null
                        ? new ArrayList<>() : new ArrayList<>(items.getXKubernetesValidations());
                rules.add(new ValidationRuleBuilder().withRule(entries.rule()).withMessage(entries.message())
                        .withMessageExpression(entries.messageExpression()).build());
                items.setXKubernetesValidations(rules);
            }
            elementType(field).ifPresent(element -> add(element, items));
        } else if (type.getPackageName().startsWith("dev.clusteripam.api")) {
            add(type, schema);
        }
    }

    /** The class of a list field's elements, when it is one of our model classes. */
    private static Optional<Class<?>> elementType(Field field) {
        Type generic = field.getGenericType();
        if (generic instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element
                && element.getPackageName().startsWith("dev.clusteripam.api")) {
            return Optional.of(element);
        }
        return Optional.empty();
    }
}

package dev.clusteripam.core.selector;

import dev.clusteripam.core.pool.FieldError;
import dev.clusteripam.core.pool.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Kubernetes' rules for a label selector ({@code metav1.LabelSelector}), shared by the webhook, the
 * CLI and the controller: label keys and values of label syntax, a known operator, values for
 * {@code In} and {@code NotIn} and none for {@code Exists} and {@code DoesNotExist}. Every error
 * names its field below {@code path}, such as
 * {@code spec.namespaceSelector.matchExpressions[0].operator}.
 */
public final class LabelSelectorValidator {

    static final int NAME_MAX_LENGTH = 63;
    static final int PREFIX_MAX_LENGTH = 253;

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private LabelSelectorValidator() {
    }

    /** The selector at {@code path}; absent means every namespace. */
    public static Validation<NamespaceSelector> validate(String path, Optional<LabelSelectorSpec> spec) {
        if (spec.isEmpty()) {
            return Validation.valid(NamespaceSelector.EVERY_NAMESPACE, List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        List<NamespaceSelector.Requirement> requirements = new ArrayList<>();
        // Sorted, so that errors and the selector's text come out the same however the map was built.
        for (Map.Entry<String, String> label : new TreeMap<>(spec.get().matchLabels()).entrySet()) {
            String field = path + ".matchLabels";
            int before = errors.size();
            checkKey(field, label.getKey(), errors);
            checkValue(field + "[" + label.getKey() + "]", label.getValue(), errors);
            if (errors.size() == before) {
                requirements.add(new NamespaceSelector.Requirement(
                        label.getKey(), SelectorOperator.IN, Set.of(label.getValue())));
            }
        }
        List<LabelSelectorSpec.Expression> expressions = spec.get().matchExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            checkExpression(path + ".matchExpressions[" + i + "]", expressions.get(i), errors)
                    .ifPresent(requirements::add);
        }
        return errors.isEmpty()
                ? Validation.valid(new NamespaceSelector(requirements), List.of())
                : Validation.invalid(errors, List.of());
    }

    private static Optional<NamespaceSelector.Requirement> checkExpression(
            String field, LabelSelectorSpec.Expression expression, List<FieldError> errors) {
        int before = errors.size();
        checkKey(field + ".key", expression.key(), errors);
        Optional<SelectorOperator> operator = SelectorOperator.parse(expression.operator());
        if (operator.isEmpty()) {
            errors.add(new FieldError(field + ".operator", expression.operator(),
                    "is not a valid selector operator: must be In, NotIn, Exists or DoesNotExist"));
        } else if (operator.get().takesValues() && expression.values().isEmpty()) {
            errors.add(new FieldError(field + ".values", "[]",
                    "must be non-empty when operator is " + operator.get().spelling()));
        } else if (!operator.get().takesValues() && !expression.values().isEmpty()) {
            errors.add(new FieldError(field + ".values", String.join(",", expression.values()),
                    "must be empty when operator is " + operator.get().spelling()));
        }
        for (int v = 0; v < expression.values().size(); v++) {
            checkValue(field + ".values[" + v + "]", expression.values().get(v), errors);
        }
        return errors.size() == before
                ? Optional.of(new NamespaceSelector.Requirement(
                        expression.key(), operator.orElseThrow(), Set.copyOf(expression.values())))
                : Optional.empty();
    }

    /** A label key: an optional DNS subdomain prefix and a slash, then a name of at most 63 characters. */
    private static void checkKey(String field, String key, List<FieldError> errors) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > PREFIX_MAX_LENGTH || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                errors.add(new FieldError(field, key, "is not a valid label key: the prefix before '/' must be a"
                        + " DNS subdomain (lower case letters, digits, '-' and '.') of at most "
                        + PREFIX_MAX_LENGTH + " characters"));
                return;
            }
        }
        if (name.isEmpty() || name.length() > NAME_MAX_LENGTH || !NAME.matcher(name).matches()) {
            errors.add(new FieldError(field, key, "is not a valid label key: the name must be 1 to "
                    + NAME_MAX_LENGTH + " characters of letters, digits, '-', '_' and '.', starting and ending"
                    + " with a letter or digit"));
        }
    }

    /** A label value: empty, or at most 63 characters of label syntax. */
    private static void checkValue(String field, String value, List<FieldError> errors) {
        if (value.isEmpty()) {
            return;
        }
        if (value.length() > NAME_MAX_LENGTH || !NAME.matcher(value).matches()) {
            errors.add(new FieldError(field, value, "is not a valid label value: must be empty or 1 to "
                    + NAME_MAX_LENGTH + " characters of letters, digits, '-', '_' and '.', starting and ending"
                    + " with a letter or digit"));
        }
    }
}

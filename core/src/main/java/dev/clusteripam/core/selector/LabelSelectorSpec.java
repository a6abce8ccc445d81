package dev.clusteripam.core.selector;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A label selector as written in a manifest ({@code metav1.LabelSelector}): unchecked text, to be
 * judged by {@link LabelSelectorValidator}. The operator is kept as written, so that a misspelt one
 * can be named back to the user.
 */
public record LabelSelectorSpec(Map<String, String> matchLabels, List<Expression> matchExpressions) {

    /** One entry of {@code matchExpressions}: a key, an operator and its values, as written. */
    public record Expression(String key, String operator, List<String> values) {

        public Expression {
            key = Objects.requireNonNullElse(key, "");
            operator = Objects.requireNonNullElse(operator, "");
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    public LabelSelectorSpec {
        matchLabels = matchLabels == null ? Map.of() : Map.copyOf(matchLabels);
        matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
    }
}

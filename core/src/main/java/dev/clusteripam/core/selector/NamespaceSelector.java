package dev.clusteripam.core.selector;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A checked label selector, matched against the labels of a claim's namespace. Every requirement
 * must hold, as in Kubernetes; a selector without requirements matches every namespace, and so does
 * a pool without a selector ({@link #EVERY_NAMESPACE}).
 */
public record NamespaceSelector(List<Requirement> requirements) {

    /** The selector of a pool that names none: every namespace, as before selectors existed. */
    public static final NamespaceSelector EVERY_NAMESPACE = new NamespaceSelector(List.of());

    /** One requirement: {@code matchLabels}' {@code key: value} is {@code key In (value)}. */
    public record Requirement(String key, SelectorOperator operator, Set<String> values) {

        public Requirement {
            values = Set.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case IN -> value != null && values.contains(value);
                case NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
            };
        }

        @Override
        public String toString() {
            return switch (operator) {
                case IN, NOT_IN -> key + (operator == SelectorOperator.IN ? " in (" : " notin (")
                        + values.stream().sorted().collect(Collectors.joining(",")) + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
            };
        }
    }

    public NamespaceSelector {
        requirements = List.copyOf(requirements);
    }

    public boolean matchesEveryNamespace() {
        return requirements.isEmpty();
    }

    /** Whether a namespace with these labels is selected. */
    public boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(requirement -> requirement.matches(labels));
    }

    /** Kubernetes' own text form, as {@code kubectl get ns -l} takes it: {@code team in (a,b),!legacy}. */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }
}

package dev.clusteripam.api.ipam;

import dev.clusteripam.core.selector.LabelSelectorSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spec of a global pool, which may restrict the namespaces it serves with
 * {@code spec.namespaceSelector}. Namespaced pools serve their own namespace only and have no such
 * field.
 */
public interface SelectsNamespaces {

    /** The field's path, as errors and messages name it. */
    String FIELD = "spec.namespaceSelector";

    /** What {@code kubectl explain} shows for the field. */
    String DESCRIPTION = "Which namespaces' IPAddressClaims the pool serves: a label selector (matchLabels and"
            + " matchExpressions with In, NotIn, Exists, DoesNotExist) matched against the labels of the claim's"
            + " namespace. Unset, the pool serves every namespace. A claim from a namespace it does not select"
            + " gets no address (Ready False, reason PoolNotReady) until the namespace's labels or the selector"
            + " change; addresses already handed out are kept, and the pool's HeldOutsideSelector condition"
            + " counts them.";

    LabelSelector getNamespaceSelector();

    void setNamespaceSelector(LabelSelector namespaceSelector);

    /** The selector as the core's validator reads it; empty when the pool names none. */
    default Optional<LabelSelectorSpec> namespaceSelectorSpec() {
        LabelSelector selector = getNamespaceSelector();
        if (selector == null) {
            return Optional.empty();
        }
        Map<String, String> matchLabels = new HashMap<>();
        if (selector.getMatchLabels() != null) {
            // The schema forbids a null value; should one come anyway, the validator names it as empty.
            selector.getMatchLabels().forEach((key, value) -> matchLabels.put(key, value == null ? "" : value));
        }
        List<LabelSelectorRequirement> requirements =
                selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        return Optional.of(new LabelSelectorSpec(matchLabels, requirements.stream()
                .map(r -> new LabelSelectorSpec.Expression(r.getKey(), r.getOperator(), r.getValues()))
                .toList()));
    }
}

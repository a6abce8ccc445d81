package dev.clusteripam.controller.namespace;

import dev.clusteripam.api.ipam.SelectsNamespaces;
import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.core.selector.LabelSelectorValidator;
import dev.clusteripam.core.selector.NamespaceSelector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Optional;

/** The namespaces a pool serves: a global pool's {@code spec.namespaceSelector}, every namespace for the others. */
public final class PoolSelector {

    private PoolSelector() {
    }

    /** The pool's selector, checked by core's rules (a pool stored without the webhook may hold a bad one). */
    public static Validation<NamespaceSelector> of(HasMetadata pool) {
        Optional<SelectsNamespaces> spec = pool instanceof CustomResource<?, ?> resource
                && resource.getSpec() instanceof SelectsNamespaces selecting ? Optional.of(selecting) : Optional.empty();
        return LabelSelectorValidator.validate(SelectsNamespaces.FIELD,
                spec.flatMap(SelectsNamespaces::namespaceSelectorSpec));
    }
}

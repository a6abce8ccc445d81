package dev.clusteripam.app.cli;

import dev.clusteripam.api.ipam.SelectsNamespaces;
import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.selector.LabelSelectorSpec;
import dev.clusteripam.core.selector.LabelSelectorValidator;
import java.util.List;
import java.util.Optional;

/** A manifest of one of our pool kinds, its spec read but not yet validated. */
sealed interface PoolManifest extends ManifestDocument permits AddressPoolManifest, PrefixPoolManifest {

    /**
     * The paths of spec fields the kind does not have. The API server drops them (kubectl warns),
     * so they are usually typos whose intent silently goes missing.
     */
    List<String> unknownFields();

    /** The core validator's verdict: the rules the admission webhook applies. */
    Validation<?> validate();

    /** The addresses the pool may hand out, to find pools that share them; empty when the spec is invalid. */
    Optional<PoolAddressSet> addressSet();

    /** {@code spec}'s verdict with that on a global pool's namespace selector, as admission judges both. */
    static <T> Validation<T> withNamespaceSelector(Validation<T> spec, Optional<LabelSelectorSpec> selector) {
        return spec.withErrors(LabelSelectorValidator.validate(SelectsNamespaces.FIELD, selector).errors());
    }
}

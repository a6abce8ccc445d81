package dev.clusteripam.app.cli;

import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.core.overlap.PoolAddressSet;
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
}

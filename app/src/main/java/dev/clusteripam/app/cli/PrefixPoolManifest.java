package dev.clusteripam.app.cli;

import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.pool.PrefixPool;
import dev.clusteripam.core.pool.PrefixPoolSpec;
import dev.clusteripam.core.pool.PrefixPoolValidator;
import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.core.selector.LabelSelectorSpec;
import java.util.List;
import java.util.Optional;

/** An {@code InClusterPrefixPool} or {@code GlobalInClusterPrefixPool}. */
record PrefixPoolManifest(DocumentOrigin origin, PrefixPoolSpec spec, Optional<LabelSelectorSpec> namespaceSelector,
        List<String> unknownFields) implements PoolManifest {

    public PrefixPoolManifest {
        unknownFields = List.copyOf(unknownFields);
    }

    @Override
    public Validation<PrefixPool> validate() {
        return PoolManifest.withNamespaceSelector(PrefixPoolValidator.validate(spec), namespaceSelector);
    }

    @Override
    public Optional<PoolAddressSet> addressSet() {
        return validate().model().map(PoolAddressSet::of);
    }
}

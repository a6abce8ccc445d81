package dev.clusteripam.app.cli;

import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.AddressPoolValidator;
import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.core.selector.LabelSelectorSpec;
import java.util.List;
import java.util.Optional;

/** An {@code InClusterIPPool} or {@code GlobalInClusterIPPool}. */
record AddressPoolManifest(DocumentOrigin origin, AddressPoolSpec spec, Optional<LabelSelectorSpec> namespaceSelector,
        List<String> unknownFields) implements PoolManifest {

    public AddressPoolManifest {
        unknownFields = List.copyOf(unknownFields);
    }

    @Override
    public Validation<AddressPool> validate() {
        return PoolManifest.withNamespaceSelector(AddressPoolValidator.validate(spec), namespaceSelector);
    }

    @Override
    public Optional<PoolAddressSet> addressSet() {
        return validate().model().map(PoolAddressSet::of);
    }
}

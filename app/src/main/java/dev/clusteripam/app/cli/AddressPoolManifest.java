package dev.clusteripam.app.cli;

import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.AddressPoolValidator;
import dev.clusteripam.core.pool.Validation;
import java.util.List;
import java.util.Optional;

/** An {@code InClusterIPPool} or {@code GlobalInClusterIPPool}. */
record AddressPoolManifest(DocumentOrigin origin, AddressPoolSpec spec, List<String> unknownFields) implements PoolManifest {

    public AddressPoolManifest {
        unknownFields = List.copyOf(unknownFields);
    }

    @Override
    public Validation<AddressPool> validate() {
        return AddressPoolValidator.validate(spec);
    }

    @Override
    public Optional<PoolAddressSet> addressSet() {
        return validate().model().map(PoolAddressSet::of);
    }
}

package dev.clusteripam.app.cli;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.AddressPoolValidator;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.core.selector.LabelSelectorSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@code InClusterIPPool} or {@code GlobalInClusterIPPool}. */
record AddressPoolManifest(DocumentOrigin origin, AddressPoolSpec spec, Optional<LabelSelectorSpec> namespaceSelector,
        Map<String, String> preAllocations, List<String> unknownFields) implements PoolManifest {

    public AddressPoolManifest {
        preAllocations = Map.copyOf(preAllocations);
        unknownFields = List.copyOf(unknownFields);
    }

    @Override
    public Validation<AddressPool> validate() {
        Validation<AddressPool> pool = PoolManifest.withNamespaceSelector(AddressPoolValidator.validate(spec), namespaceSelector);
        return pool.withErrors(pool.model().map(model -> PreAllocations.validate(preAllocations, model).errors()).orElse(List.of()));
    }

    /** What {@code spec.preAllocations} keeps in {@code pool}, this manifest's valid pool. */
    PreAllocations<IpAddress> keptIn(AddressPool pool) {
        return PreAllocations.validate(preAllocations, pool).orElseThrow();
    }

    @Override
    public Optional<PoolAddressSet> addressSet() {
        return validate().model().map(PoolAddressSet::of);
    }
}

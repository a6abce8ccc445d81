package dev.clusteripam.app.cli;

import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.PrefixPool;
import dev.clusteripam.core.pool.PrefixPoolSpec;
import dev.clusteripam.core.pool.PrefixPoolValidator;
import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.core.selector.LabelSelectorSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@code InClusterPrefixPool} or {@code GlobalInClusterPrefixPool}. */
record PrefixPoolManifest(DocumentOrigin origin, PrefixPoolSpec spec, Optional<LabelSelectorSpec> namespaceSelector,
        Map<String, String> preAllocations, List<String> unknownFields) implements PoolManifest {

    public PrefixPoolManifest {
        preAllocations = Map.copyOf(preAllocations);
        unknownFields = List.copyOf(unknownFields);
    }

    @Override
    public Validation<PrefixPool> validate() {
        Validation<PrefixPool> pool = PoolManifest.withNamespaceSelector(PrefixPoolValidator.validate(spec), namespaceSelector);
        return pool.withErrors(pool.model().map(model -> PreAllocations.validate(preAllocations, model).errors()).orElse(List.of()));
    }

    /** What {@code spec.preAllocations} keeps in {@code pool}, this manifest's valid pool. */
    PreAllocations<IpPrefix> keptIn(PrefixPool pool) {
        return PreAllocations.validate(preAllocations, pool).orElseThrow();
    }

    @Override
    public Optional<PoolAddressSet> addressSet() {
        return validate().model().map(PoolAddressSet::of);
    }
}

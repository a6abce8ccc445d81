package dev.clusteripam.controller.poolkind;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolStatus;
import dev.clusteripam.api.ipam.v1alpha2.PrefixCounts;
import dev.clusteripam.api.ipam.v1alpha2.PrefixPool;
import dev.clusteripam.controller.allocation.PoolItems;
import dev.clusteripam.controller.allocation.PrefixPoolItems;
import dev.clusteripam.controller.ledger.LedgerItem;
import dev.clusteripam.controller.status.ReadyCondition;
import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.PrefixPoolValidator;
import dev.clusteripam.core.pool.Validation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** {@code InClusterPrefixPool} and {@code GlobalInClusterPrefixPool}: sub-prefixes, free again at once. */
final class PrefixPoolAdapter implements PoolKindAdapter {

    static final PrefixPoolAdapter INSTANCE = new PrefixPoolAdapter();

    private PrefixPoolAdapter() {
    }

    @Override
    public Validation<? extends PoolItems<?>> items(HasMetadata pool) {
        InClusterPrefixPoolSpec spec = Objects.requireNonNull(((PrefixPool<?>) pool).getSpec(), "spec");
        return PoolKindAdapter.itemsOf(pool, PrefixPoolValidator.validate(spec.toPrefixPoolSpec()), model -> PoolKindAdapter
                .withPreAllocations(PreAllocations.validate(spec.preAllocationsOrEmpty(), model), kept -> PoolItems.of(model, kept)));
    }

    @Override
    public Optional<PoolAddressSet> addressSet(HasMetadata pool) {
        InClusterPrefixPoolSpec spec = ((PrefixPool) pool).getSpec();
        return spec == null ? Optional.empty() : PrefixPoolValidator.validate(spec.toPrefixPoolSpec()).model().map(PoolAddressSet::of);
    }

    @Override
    public Optional<LedgerItem> ledgerItemOf(IPAddress address) {
        return PrefixPoolItems.parse(address.getSpec().getAddress(), address.getSpec().getPrefix()).map(LedgerItem::of);
    }

    @Override
    public Optional<Duration> reuseGracePeriod(HasMetadata pool) {
        return Optional.empty();
    }

    @Override
    public boolean writeStatus(HasMetadata pool, PoolStatus wanted, ReadyCondition ready) {
        PrefixPool<?> prefixPool = (PrefixPool<?>) pool;
        InClusterPrefixPoolStatus status = Objects.requireNonNullElseGet(prefixPool.getStatus(), InClusterPrefixPoolStatus::new);
        prefixPool.setStatus(status);
        PoolUsage usage = wanted.usage();
        return PoolKindAdapter.write(pool, wanted, ready, new PrefixCounts(usage.total(), usage.free(), usage.used(), usage.outOfRange()),
                status::getIpAddresses, status::setIpAddresses, status::getConditions, status::setConditions);
    }
}

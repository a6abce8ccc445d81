package dev.clusteripam.controller.poolkind;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts;
import dev.clusteripam.api.ipam.v1alpha2.IPPool;
import dev.clusteripam.api.ipam.v1alpha2.IPSubnetCounts;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolStatus;
import dev.clusteripam.controller.allocation.PoolItems;
import dev.clusteripam.controller.ledger.LedgerItem;
import dev.clusteripam.controller.status.ReadyCondition;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.pool.AddressPoolValidator;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.Validation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code InClusterIPPool} and {@code GlobalInClusterIPPool}: single addresses, with a reuse grace period. */
final class IPPoolAdapter implements PoolKindAdapter {

    static final IPPoolAdapter INSTANCE = new IPPoolAdapter();

    private IPPoolAdapter() {
    }

    @Override
    public Validation<? extends PoolItems<?>> items(HasMetadata pool) {
        InClusterIPPoolSpec spec = Objects.requireNonNull(((IPPool<?>) pool).getSpec(), "spec");
        return PoolKindAdapter.itemsOf(pool, AddressPoolValidator.validate(spec.toAddressPoolSpec()), model -> PoolKindAdapter
                .withPreAllocations(PreAllocations.validate(spec.preAllocationsOrEmpty(), model), kept -> PoolItems.of(model, kept)));
    }

    @Override
    public Optional<PoolAddressSet> addressSet(HasMetadata pool) {
        InClusterIPPoolSpec spec = ((IPPool) pool).getSpec();
        return spec == null ? Optional.empty() : AddressPoolValidator.validate(spec.toAddressPoolSpec()).model().map(PoolAddressSet::of);
    }

    @Override
    public Optional<LedgerItem> ledgerItemOf(IPAddress address) {
        return IpAddress.tryParse(address.getSpec().getAddress()).map(LedgerItem::of);
    }

    @Override
    public Optional<Duration> reuseGracePeriod(HasMetadata pool) {
        IPPool<?> ipPool = (IPPool<?>) pool;
        Integer seconds = ipPool.getSpec() == null ? null : ipPool.getSpec().getAddressReuseGracePeriodSeconds();
        return seconds == null || seconds <= 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    @Override
    public boolean writeStatus(HasMetadata pool, PoolStatus wanted, ReadyCondition ready) {
        IPPool<?> ipPool = (IPPool<?>) pool;
        InClusterIPPoolStatus status = Objects.requireNonNullElseGet(ipPool.getStatus(), InClusterIPPoolStatus::new);
        ipPool.setStatus(status);
        PoolUsage usage = wanted.usage();
        List<IPSubnetCounts> subnets = wanted.subnets().isEmpty() ? null : wanted.subnets().stream()
                .map(subnet -> new IPSubnetCounts(subnet.subnet().field(), subnet.subnet().network().toString(),
                        subnet.usage().total(), subnet.usage().free(), subnet.usage().used()))
                .toList();
        boolean subnetsChanged = !Objects.equals(subnets, status.getSubnets());
        status.setSubnets(subnets);
        boolean changed = PoolKindAdapter.write(pool, wanted, ready, new IPAddressCounts(usage.total(), usage.free(), usage.used(),
                usage.outOfRange()), status::getIpAddresses, status::setIpAddresses, status::getConditions, status::setConditions);
        return changed || subnetsChanged;
    }
}

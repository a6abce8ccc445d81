package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.controller.allocation.PoolAllocations;
import dev.clusteripam.controller.pool.PoolKey;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;

/**
 * The IPAddress informer: triggers the claim an IPAddress is named after (and whatever else the
 * mapper adds), and keeps every pool's holdings in step with what IPAddresses come and go, so that
 * allocation never lists addresses.
 */
final class IPAddressEventSource extends InformerEventSource<IPAddress, IPAddressClaim> {

    private final PoolAllocations allocations;

    IPAddressEventSource(EventSourceContext<IPAddressClaim> context, SecondaryToPrimaryMapper<IPAddress> claimsToTrigger,
            PoolAllocations allocations) {
        super(InformerEventSourceConfiguration.from(IPAddress.class, IPAddressClaim.class)
                .withName("ipaddresses")
                .withSecondaryToPrimaryMapper(claimsToTrigger)
                .build(), context);
        this.allocations = allocations;
    }

    /** The claim an IPAddress answers: same namespace, same name. */
    static ResourceID claimOf(IPAddress address) {
        return new ResourceID(address.getMetadata().getName(), address.getMetadata().getNamespace());
    }

    /** The pool an IPAddress names, when it is one of ours. */
    static Optional<PoolKey> poolOf(IPAddress address) {
        return address.getSpec() == null
                ? Optional.empty()
                : PoolKey.referencedFrom(address.getMetadata().getNamespace(), address.getSpec().getPoolRef());
    }

    @Override
    public void onAdd(IPAddress address) {
        poolOf(address).ifPresent(pool -> allocations.observed(pool, address));
        super.onAdd(address);
    }

    @Override
    public void onUpdate(IPAddress before, IPAddress after) {
        poolOf(after).ifPresent(pool -> allocations.observed(pool, after));
        super.onUpdate(before, after);
    }

    @Override
    public synchronized void onDelete(IPAddress address, boolean finalStateUnknown) {
        poolOf(address).ifPresent(pool -> allocations.forgotten(pool, address));
        super.onDelete(address, finalStateUnknown);
    }
}

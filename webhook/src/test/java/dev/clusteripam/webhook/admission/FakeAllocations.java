package dev.clusteripam.webhook.admission;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.webhook.allocations.AllocationsUnavailableException;
import dev.clusteripam.webhook.allocations.IPAddressPoolIndex;
import dev.clusteripam.webhook.allocations.PoolAllocations;
import dev.clusteripam.webhook.allocations.PoolRef;
import java.util.ArrayList;
import java.util.List;

/** IPAddresses held in a list, indexed as the informer's index would; or a cache still loading. */
final class FakeAllocations implements PoolAllocations {

    private final List<IPAddress> addresses = new ArrayList<>();
    private boolean loading;

    FakeAllocations with(IPAddress... more) {
        addresses.addAll(List.of(more));
        return this;
    }

    FakeAllocations loading() {
        loading = true;
        return this;
    }

    @Override
    public List<IPAddress> addressesOf(PoolRef pool) throws AllocationsUnavailableException {
        if (loading) {
            throw new AllocationsUnavailableException("the cache of IPAddresses is still loading");
        }
        return addresses.stream().filter(a -> IPAddressPoolIndex.poolOf(a).filter(pool::equals).isPresent()).toList();
    }
}

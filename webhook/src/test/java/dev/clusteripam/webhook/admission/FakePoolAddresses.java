package dev.clusteripam.webhook.admission;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.webhook.allocations.AllocationsUnavailableException;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.webhook.allocations.PoolAddresses;
import java.util.ArrayList;
import java.util.List;

/** IPAddresses held in a list, indexed as the informer's index would; or a cache still loading. */
final class FakePoolAddresses implements PoolAddresses {

    private final List<IPAddress> addresses = new ArrayList<>();
    private boolean loading;

    FakePoolAddresses with(IPAddress... more) {
        addresses.addAll(List.of(more));
        return this;
    }

    FakePoolAddresses loading() {
        loading = true;
        return this;
    }

    @Override
    public List<IPAddress> addressesOf(PoolIdentity pool) throws AllocationsUnavailableException {
        if (loading) {
            throw new AllocationsUnavailableException("the cache of IPAddresses is still loading");
        }
        return addresses.stream().filter(a -> PoolIdentity.namedBy(a).filter(pool::equals).isPresent()).toList();
    }
}

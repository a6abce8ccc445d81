package dev.clusteripam.controller.allocation;

import dev.clusteripam.controller.ledger.LedgerItem;
import dev.clusteripam.core.alloc.AddressPoolAllocator;
import dev.clusteripam.core.alloc.Allocator;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressSubnet;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.RequestedItem;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** IP pools hand out single addresses, each with the prefix length and gateway of the subnet it lies in. */
public final class AddressPoolItems implements PoolItems<IpAddress> {

    private final AddressPool pool;
    private final PreAllocations<IpAddress> kept;

    AddressPoolItems(AddressPool pool, PreAllocations<IpAddress> kept) {
        this.pool = pool;
        this.kept = kept;
    }

    @Override
    public PreAllocations<IpAddress> preAllocations() {
        return kept;
    }

    @Override
    public RequestedItem<IpAddress> requested(String text) {
        return RequestedItem.of(text, pool);
    }

    @Override
    public Class<IpAddress> itemType() {
        return IpAddress.class;
    }

    @Override
    public Allocator<IpAddress> newAllocator() {
        return new AddressPoolAllocator(pool);
    }

    @Override
    public Optional<IpAddress> itemOf(String address, Integer prefix) {
        return IpAddress.tryParse(address);
    }

    @Override
    public Optional<IpAddress> itemOfEntry(String text) {
        return IpAddress.tryParse(text);
    }

    @Override
    public Assignment assignmentOf(IpAddress item) {
        AddressSubnet subnet = pool.subnetOf(item)
                .orElseThrow(() -> new IllegalArgumentException(item + " lies in no subnet of the pool"));
        return new Assignment(item.toString(), subnet.prefixLength(), subnet.gateway().map(IpAddress::toString));
    }

    @Override
    public LedgerItem ledgerItemOf(IpAddress item) {
        return LedgerItem.of(item);
    }

    @Override
    public boolean isAllocatable(IpAddress item) {
        return pool.isAllocatable(item);
    }

    @Override
    public BigInteger total() {
        return pool.total();
    }

    @Override
    public List<AddressSubnet> subnets() {
        return pool.subnets();
    }

    @Override
    public OptionalInt subnetOf(IpAddress item) {
        return pool.subnets().stream().filter(subnet -> subnet.isAllocatable(item)).mapToInt(AddressSubnet::index).findFirst();
    }
}

package dev.clusteripam.core.pool;

import dev.clusteripam.core.interval.Interval;
import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpPrefix;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * One subnet of a valid IP pool: its addresses, the network they lie in (from the lowest of them and
 * the subnet's prefix), its gateway and exclusions, and so the addresses it may hand out. Reserved
 * addresses are those of its own network: the IPv4 network and broadcast addresses, the IPv6
 * subnet-router anycast address, unless the pool's {@code allocateReservedIPAddresses}. It hands out
 * no gateway: neither its own nor that of another subnet of the pool. Made only through
 * {@link AddressPoolValidator}.
 */
public final class AddressSubnet {

    private final int index;
    private final IpFamily family;
    private final IpPrefix network;
    private final IntervalSet addresses;
    private final IntervalSet excluded;
    private final Optional<IpAddress> gateway;
    private final IntervalSet gateways;
    private final IntervalSet reserved;
    private final IntervalSet allocatable;

    AddressSubnet(int index, IpFamily family, IpPrefix network, IntervalSet addresses, IntervalSet excluded,
            Optional<IpAddress> gateway, IntervalSet gatewaysOfPool, boolean allocateReserved) {
        this.index = index;
        this.family = family;
        this.network = network;
        this.addresses = addresses;
        this.excluded = excluded;
        this.gateway = gateway;
        this.gateways = gatewaysOfPool;
        this.reserved = allocateReserved ? IntervalSet.empty() : reservedAddresses(network);
        this.allocatable = addresses.minus(excluded.union(reserved).union(gatewaysOfPool));
    }

    private static IntervalSet reservedAddresses(IpPrefix network) {
        Interval first = Interval.single(network.firstAddress().value());
        if (network.family() == IpFamily.IPV6) {
            return IntervalSet.of(first);
        }
        return IntervalSet.of(first, Interval.single(network.lastAddress().value()));
    }

    /** Its position in the order served: 0 for the pool's top-level fields, {@code i + 1} for {@code spec.subnets[i]}. */
    public int index() {
        return index;
    }

    public IpFamily family() {
        return family;
    }

    /** Where it is written: {@code spec} or {@code spec.subnets[i]}. */
    public String field() {
        return AddressPoolSpec.fieldOfSubnet(index);
    }

    /** The prefix network every address it hands out belongs to. */
    public IpPrefix network() {
        return network;
    }

    public int prefixLength() {
        return network.length();
    }

    public Optional<IpAddress> gateway() {
        return gateway;
    }

    /** Its addresses as written, whether it would hand them out or not. */
    public IntervalSet addresses() {
        return addresses;
    }

    /** The addresses it may hand out, free or not. */
    public IntervalSet allocatable() {
        return allocatable;
    }

    /** Whether {@code address} is one of its addresses as written (allocatable or not). */
    public boolean contains(IpAddress address) {
        return address.family() == family && addresses.contains(address.value());
    }

    public boolean isAllocatable(IpAddress address) {
        return address.family() == family && allocatable.contains(address.value());
    }

    /** Why it would not hand out {@code address}, one of its own addresses; empty when it would. */
    Optional<Unallocatable> whyNotAllocatable(IpAddress address) {
        if (gateways.contains(address.value())) {
            return Optional.of(Unallocatable.GATEWAY);
        }
        if (excluded.contains(address.value())) {
            return Optional.of(Unallocatable.EXCLUDED);
        }
        if (reserved.contains(address.value())) {
            return Optional.of(Unallocatable.RESERVED);
        }
        return Optional.empty();
    }

    /** Number of addresses it may hand out. */
    public BigInteger total() {
        return allocatable.size();
    }

    /** {@code spec.subnets[1] (10.0.1.0/24)}, as messages name it. */
    @Override
    public String toString() {
        return field() + " (" + network + ")";
    }
}

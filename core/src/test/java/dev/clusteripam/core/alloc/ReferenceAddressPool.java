package dev.clusteripam.core.alloc;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpRange;
import dev.clusteripam.core.ip.U128;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.AddressSubnetSpec;
import dev.clusteripam.core.pool.PoolEntry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simplest correct IP pool, for checking the real one against: every allocatable address of
 * each subnet enumerated into a sorted set of its own, the next address found by scanning the
 * subnets in order, each from the start. Only for small pools. Derives the rules of SPEC 1 on its
 * own (the top-level fields are the first subnet, each of {@code spec.subnets} a further one, each
 * with the reserved addresses of its own network), with BigInteger arithmetic, sharing nothing with
 * the model under test but the entry parser.
 */
final class ReferenceAddressPool {

    private final List<TreeSet<IpAddress>> subnets = new ArrayList<>();
    private final Set<IpAddress> used = new HashSet<>();

    ReferenceAddressPool(AddressPoolSpec spec) throws IpFormatException {
        List<AddressSubnetSpec> written = new ArrayList<>();
        written.add(new AddressSubnetSpec(spec.addresses(), spec.prefix(), spec.gateway(), spec.excludedAddresses()));
        written.addAll(spec.subnets());
        // No subnet hands out a gateway, its own or another subnet's.
        Set<IpAddress> gateways = new HashSet<>();
        for (AddressSubnetSpec subnet : written) {
            if (subnet.gateway().isPresent()) {
                gateways.add(IpAddress.parse(subnet.gateway().get()));
            }
        }
        for (AddressSubnetSpec subnet : written) {
            TreeSet<IpAddress> allocatable = allocatable(subnet.addresses(), subnet.prefix(), subnet.excludedAddresses(),
                    spec.allocateReservedIPAddresses());
            allocatable.removeAll(gateways);
            subnets.add(allocatable);
        }
    }

    private static TreeSet<IpAddress> allocatable(List<String> addresses, int prefix, List<String> excludedAddresses,
            boolean allocateReserved) throws IpFormatException {
        TreeSet<IpAddress> allocatable = enumerate(addresses);
        IpAddress lowest = allocatable.first();
        IpFamily family = lowest.family();
        int hostBits = family.bits() - prefix;
        BigInteger networkValue = lowest.value().toBigInteger().shiftRight(hostBits).shiftLeft(hostBits);
        BigInteger broadcastValue = networkValue.add(BigInteger.ONE.shiftLeft(hostBits)).subtract(BigInteger.ONE);

        allocatable.removeAll(enumerate(excludedAddresses));
        if (!allocateReserved) {
            allocatable.remove(new IpAddress(family, U128.of(networkValue)));
            if (family == IpFamily.IPV4) {
                allocatable.remove(new IpAddress(family, U128.of(broadcastValue)));
            }
        }
        return allocatable;
    }

    Optional<IpAddress> allocateNext() {
        for (TreeSet<IpAddress> subnet : subnets) {
            for (IpAddress candidate : subnet) {
                if (!used.contains(candidate)) {
                    used.add(candidate);
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    boolean allocate(IpAddress address) {
        return isAllocatable(address) && used.add(address);
    }

    boolean markUsed(IpAddress address) {
        return used.add(address);
    }

    boolean release(IpAddress address) {
        return used.remove(address);
    }

    boolean isFree(IpAddress address) {
        return isAllocatable(address) && !used.contains(address);
    }

    boolean isAllocatable(IpAddress address) {
        return subnets.stream().anyMatch(subnet -> subnet.contains(address));
    }

    boolean isUsed(IpAddress address) {
        return used.contains(address);
    }

    long total() {
        return subnets.stream().mapToLong(TreeSet::size).sum();
    }

    /** How many addresses subnet {@code index} may hand out. */
    long total(int index) {
        return subnets.get(index).size();
    }

    /** How many of subnet {@code index}'s allocatable addresses are used. */
    long used(int index) {
        return used.stream().filter(subnets.get(index)::contains).count();
    }

    long used() {
        return used.size();
    }

    long outOfRange() {
        return used.stream().filter(a -> !isAllocatable(a)).count();
    }

    private static TreeSet<IpAddress> enumerate(Iterable<String> entries) throws IpFormatException {
        TreeSet<IpAddress> addresses = new TreeSet<>();
        for (String text : entries) {
            IpRange range = PoolEntry.parse(text).range();
            IpAddress current = range.first();
            while (true) {
                addresses.add(current);
                if (current.equals(range.last())) {
                    break;
                }
                current = current.next().orElseThrow();
            }
        }
        return addresses;
    }
}

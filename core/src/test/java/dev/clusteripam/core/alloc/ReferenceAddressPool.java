package dev.clusteripam.core.alloc;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpRange;
import dev.clusteripam.core.ip.U128;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.PoolEntry;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simplest correct IP pool, for checking the real one against: every allocatable address
 * enumerated into a sorted set, the next address found by scanning it from the start. Only for
 * small pools. Derives the rules of SPEC 1 on its own, with BigInteger arithmetic, sharing nothing
 * with the model under test but the entry parser.
 */
final class ReferenceAddressPool {

    private final TreeSet<IpAddress> allocatable = new TreeSet<>();
    private final Set<IpAddress> used = new HashSet<>();

    ReferenceAddressPool(AddressPoolSpec spec) throws IpFormatException {
        TreeSet<IpAddress> poolAddresses = enumerate(spec.addresses());
        IpAddress lowest = poolAddresses.first();
        IpFamily family = lowest.family();
        int hostBits = family.bits() - spec.prefix();
        BigInteger networkValue = lowest.value().toBigInteger().shiftRight(hostBits).shiftLeft(hostBits);
        BigInteger broadcastValue = networkValue.add(BigInteger.ONE.shiftLeft(hostBits)).subtract(BigInteger.ONE);

        allocatable.addAll(poolAddresses);
        allocatable.removeAll(enumerate(spec.excludedAddresses()));
        if (spec.gateway().isPresent()) {
            allocatable.remove(IpAddress.parse(spec.gateway().get()));
        }
        if (!spec.allocateReservedIPAddresses()) {
            allocatable.remove(new IpAddress(family, U128.of(networkValue)));
            if (family == IpFamily.IPV4) {
                allocatable.remove(new IpAddress(family, U128.of(broadcastValue)));
            }
        }
    }

    Optional<IpAddress> allocateNext() {
        for (IpAddress candidate : allocatable) {
            if (!used.contains(candidate)) {
                used.add(candidate);
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    boolean allocate(IpAddress address) {
        return allocatable.contains(address) && used.add(address);
    }

    boolean markUsed(IpAddress address) {
        return used.add(address);
    }

    boolean release(IpAddress address) {
        return used.remove(address);
    }

    boolean isFree(IpAddress address) {
        return allocatable.contains(address) && !used.contains(address);
    }

    boolean isAllocatable(IpAddress address) {
        return allocatable.contains(address);
    }

    boolean isUsed(IpAddress address) {
        return used.contains(address);
    }

    long total() {
        return allocatable.size();
    }

    long used() {
        return used.size();
    }

    long outOfRange() {
        return used.stream().filter(a -> !allocatable.contains(a)).count();
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

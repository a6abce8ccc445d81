package dev.clusteripam.app.inspect;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.app.inspect.PoolReport.AddressVerdict;
import dev.clusteripam.app.inspect.PoolReport.Holder;
import dev.clusteripam.app.inspect.PoolReport.PreAllocation;
import dev.clusteripam.app.inspect.PoolReport.PreAllocationState;
import dev.clusteripam.app.inspect.PoolReport.SharedAddresses;
import dev.clusteripam.app.inspect.PoolReport.SubnetReport;
import dev.clusteripam.app.inspect.PoolReport.Verdict;
import dev.clusteripam.controller.allocation.PoolItems;
import dev.clusteripam.controller.poolkind.PoolKindAdapter;
import dev.clusteripam.core.alloc.AddressPoolAllocator;
import dev.clusteripam.core.alloc.Allocator;
import dev.clusteripam.core.alloc.PreAllocatingAllocator;
import dev.clusteripam.core.alloc.PrefixPoolAllocator;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.overlap.Overlap;
import dev.clusteripam.core.overlap.OverlapText;
import dev.clusteripam.core.pool.AddressSubnet;
import dev.clusteripam.core.pool.FieldError;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.PrefixPool;
import dev.clusteripam.core.pool.Unallocatable;
import dev.clusteripam.core.pool.Validation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link PoolReport} with the provider's own code: the pool kind's adapter validates the
 * spec and builds what the pool hands out, core's allocator marks what the IPAddresses hold and
 * knows what is free (per subnet too), and core's pool model says why an address would not be
 * handed out and which subnet it lies in.
 */
final class PoolInspection {

    /** How many free ranges a report lists; it counts the rest. */
    static final int FREE_RANGES_LISTED = 10;

    private PoolInspection() {
    }

    /**
     * @param held the IPAddresses that name the pool
     * @param overlaps the pool's overlaps, as core's overlap index finds them
     * @param address the address {@code --address} asks about
     */
    static PoolReport of(PoolIdentity identity, HasMetadata pool, List<IPAddress> held, List<Overlap<PoolIdentity>> overlaps,
            Optional<IpAddress> address) {
        List<SharedAddresses> shared = overlaps.stream().map(o -> new SharedAddresses(o.other(), OverlapText.ranges(o))).toList();
        Validation<? extends PoolItems<?>> items = PoolKindAdapter.of(identity.kind()).items(pool);
        if (!items.isValid()) {
            // As the pool's status counts it: nothing to hand out; what names the pool is used, all of it out of range.
            PoolUsage usage = new PoolUsage(0, held.size(), held.size(), 0);
            Optional<AddressVerdict> verdict = address.map(a -> {
                List<Holder> holders = held.stream().filter(ip -> IpAddress.tryParse(ip.getSpec().getAddress()).filter(a::equals).isPresent())
                        .map(PoolInspection::holderOf).toList();
                return holders.isEmpty() ? new AddressVerdict(a.toString(), Verdict.POOL_INVALID, List.of(), Optional.empty(), Optional.empty(),
                        Optional.empty())
                        : new AddressVerdict(a.toString(), Verdict.HELD, holders, Optional.of(Verdict.POOL_INVALID), Optional.empty(),
                                Optional.empty());
            });
            return new PoolReport(identity, items.errors().stream().map(FieldError::toString).toList(), usage, List.of(), 0,
                    List.of(), shared, List.of(), verdict);
        }
        return ofValid(identity, items.orElseThrow(), held, shared, address);
    }

    private static <T> PoolReport ofValid(PoolIdentity identity, PoolItems<T> items, List<IPAddress> held,
            List<SharedAddresses> shared, Optional<IpAddress> address) {
        Allocator<T> allocator = items.newAllocator();
        // Kept items are taken in the pool's allocator as the provider takes them: counted as used, not free.
        PreAllocatingAllocator<T> keeping = new PreAllocatingAllocator<>(allocator, items.preAllocations());
        Map<T, List<Holder>> holders = new HashMap<>();
        for (IPAddress ip : held) {
            items.itemOf(ip.getSpec().getAddress(), ip.getSpec().getPrefix()).ifPresent(item -> {
                keeping.markUsed(item);
                holders.computeIfAbsent(item, key -> new ArrayList<>()).add(holderOf(ip));
            });
        }
        List<String> free = freeRanges(allocator);
        List<String> listed = firstFew(free);
        return new PoolReport(identity, List.of(), keeping.usage(), listed, free.size() - listed.size(), subnets(allocator),
                shared, preAllocations(items.preAllocations(), holders),
                address.map(a -> verdict(a, allocator, holders, items.preAllocations())));
    }

    private static List<String> firstFew(List<String> ranges) {
        return ranges.subList(0, Math.min(ranges.size(), FREE_RANGES_LISTED));
    }

    /** Each subnet of an IP pool with {@code spec.subnets}, with the allocator's counts and free ranges of it. */
    private static List<SubnetReport> subnets(Allocator<?> allocator) {
        if (!(allocator instanceof AddressPoolAllocator addresses) || addresses.pool().subnets().size() == 1) {
            return List.of();
        }
        List<SubnetReport> reports = new ArrayList<>();
        List<PoolUsage> usages = addresses.subnetUsages();
        for (AddressSubnet subnet : addresses.pool().subnets()) {
            List<String> free = addresses.freeRanges(subnet).stream().map(Object::toString).toList();
            List<String> listed = firstFew(free);
            reports.add(new SubnetReport(subnet.field(), subnet.network().toString(), subnet.gateway().map(Object::toString),
                    usages.get(subnet.index()), listed, free.size() - listed.size()));
        }
        return reports;
    }

    /** Each pre-allocation and its state: waiting for its claim, held by it, or held by another object (a conflict). */
    private static <T> List<PreAllocation> preAllocations(PreAllocations<T> kept, Map<T, List<Holder>> holders) {
        return kept.byClaim().entrySet().stream().map(entry -> {
            List<Holder> holding = holders.getOrDefault(entry.getValue(), List.of());
            PreAllocationState state = holding.isEmpty() ? PreAllocationState.WAITING
                    : holding.stream().allMatch(h -> h.claim().equals(entry.getKey())) ? PreAllocationState.HELD : PreAllocationState.CONFLICT;
            return new PreAllocation(entry.getKey(), entry.getValue().toString(), state, holding);
        }).toList();
    }

    private static List<String> freeRanges(Allocator<?> allocator) {
        if (allocator instanceof AddressPoolAllocator addresses) {
            return addresses.freeRanges().stream().map(Object::toString).toList();
        }
        return ((PrefixPoolAllocator) allocator).freeRuns().stream()
                .map(run -> run.count().equals(BigInteger.ONE) ? run.first().toString()
                        : run.first() + " .. " + run.last() + " (" + run.count() + ")")
                .toList();
    }

    /**
     * What {@code address} is in the pool; in a prefix pool, what the sub-prefix of the pool's
     * length that contains it is.
     */
    @SuppressWarnings("unchecked")
    private static <T> AddressVerdict verdict(IpAddress address, Allocator<T> allocator, Map<T, List<Holder>> holders,
            PreAllocations<T> kept) {
        Object item;
        Optional<Unallocatable> whyNot;
        Optional<String> subnet = Optional.empty();
        if (allocator instanceof AddressPoolAllocator addresses) {
            item = address;
            whyNot = addresses.pool().whyNotAllocatable(address);
            if (addresses.pool().subnets().size() > 1) {
                subnet = addresses.pool().subnetOf(address).map(Object::toString);
            }
        } else {
            PrefixPool pool = ((PrefixPoolAllocator) allocator).pool();
            if (address.family() != IpFamily.IPV6) {
                return new AddressVerdict(address.toString(), Verdict.OTHER_FAMILY, List.of(), Optional.empty(), Optional.empty(),
                        Optional.empty());
            }
            IpPrefix subPrefix = IpPrefix.containing(address, pool.allocationPrefixLength());
            item = subPrefix;
            whyNot = pool.whyNotAllocatable(subPrefix);
        }
        Optional<Verdict> unallocatable = whyNot.map(Verdict::of);
        // item is of the pool's own item type: an address of an IP pool, a sub-prefix of a prefix pool.
        Optional<String> keptFor = kept.claimFor((T) item);
        List<Holder> heldBy = holders.getOrDefault(item, List.of());
        if (!heldBy.isEmpty()) {
            return new AddressVerdict(address.toString(), Verdict.HELD, heldBy, unallocatable, subnet, keptFor);
        }
        Verdict verdict = unallocatable.orElse(keptFor.isPresent() ? Verdict.KEPT : Verdict.FREE);
        return new AddressVerdict(address.toString(), verdict, List.of(), Optional.empty(), subnet, keptFor);
    }

    private static Holder holderOf(IPAddress ip) {
        String claim = ip.getSpec().getClaimRef() == null ? "" : ip.getSpec().getClaimRef().getName();
        return new Holder(ip.getMetadata().getNamespace(), ip.getMetadata().getName(), claim);
    }
}

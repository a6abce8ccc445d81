package dev.clusteripam.app.inspect;

import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.Unallocatable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code inspect} tells of one pool: its counts as the provider would put them on its status,
 * its free ranges (the first few), the pools it shares addresses with, and, when asked, what one
 * address is in it.
 *
 * @param errors the spec's errors; a pool with errors hands nothing out
 * @param freeRanges the first free ranges (for a prefix pool, runs of free sub-prefixes), lowest first
 * @param moreFreeRanges how many free ranges {@code freeRanges} leaves out
 * @param subnets each subnet's counts and free ranges, for an IP pool with {@code spec.subnets}; else empty
 * @param overlaps the other pools this one shares addresses with, and where
 * @param preAllocations what {@code spec.preAllocations} keeps, by claim name, and whether its claim holds it yet
 */
record PoolReport(PoolIdentity pool, List<String> errors, PoolUsage usage, List<String> freeRanges, long moreFreeRanges,
        List<SubnetReport> subnets, List<SharedAddresses> overlaps, List<PreAllocation> preAllocations,
        Optional<AddressVerdict> address) {

    PoolReport {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(address, "address");
        errors = List.copyOf(errors);
        freeRanges = List.copyOf(freeRanges);
        subnets = List.copyOf(subnets);
        overlaps = List.copyOf(overlaps);
        preAllocations = List.copyOf(preAllocations);
    }

    /**
     * One subnet of an IP pool: where it is written ({@code spec}, {@code spec.subnets[i]}), its
     * network and gateway, its counts (out-of-range addresses belong to no subnet) and its first
     * free ranges.
     */
    record SubnetReport(String subnet, String network, Optional<String> gateway, PoolUsage usage, List<String> freeRanges,
            long moreFreeRanges) {

        SubnetReport {
            freeRanges = List.copyOf(freeRanges);
        }

        /** {@code spec.subnets[0] 10.0.1.0/24 via 10.0.1.1}. */
        String title() {
            return subnet + " " + network + gateway.map(g -> " via " + g).orElse("");
        }
    }

    boolean valid() {
        return errors.isEmpty();
    }

    /** Addresses this pool shares with {@code pool}: {@code "10.0.0.5-10.0.0.9, 10.0.0.20 and 4 more"}. */
    record SharedAddresses(PoolIdentity pool, String ranges) {
    }

    /**
     * One entry of {@code spec.preAllocations}: the item kept for the claim of that name, and its state.
     *
     * @param holders the IPAddresses that hold the item; empty while it waits for its claim
     */
    record PreAllocation(String claim, String item, PreAllocationState state, List<Holder> holders) {

        PreAllocation {
            holders = List.copyOf(holders);
        }

        /** {@code vip: 10.0.0.50, held by it (IPAddress ns/vip)}. */
        String sentence() {
            String by = holders.isEmpty() ? "" : " (" + holders.stream().map(Holder::toString).reduce((a, b) -> a + ", " + b).orElseThrow() + ")";
            return claim + ": " + item + ", " + state.description() + by;
        }
    }

    /** Whether a kept item is where it should be. */
    enum PreAllocationState {
        WAITING("waiting for its claim"),
        HELD("held by it"),
        CONFLICT("held by another object: conflict");

        private final String description;

        PreAllocationState(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** An IPAddress that holds an item of the pool, and the claim it was made for. */
    record Holder(String namespace, String ipAddress, String claim) {

        @Override
        public String toString() {
            return "IPAddress " + namespace + "/" + ipAddress + " (claim " + namespace + "/" + claim + ")";
        }
    }

    /** What an address is in the pool. */
    enum Verdict {
        HELD("held by"),
        FREE("free"),
        EXCLUDED(Unallocatable.EXCLUDED.description()),
        GATEWAY(Unallocatable.GATEWAY.description()),
        RESERVED(Unallocatable.RESERVED.description()),
        OUTSIDE_POOL(Unallocatable.OUTSIDE_POOL.description()),
        OTHER_FAMILY(Unallocatable.OTHER_FAMILY.description()),
        KEPT("kept for a claim by spec.preAllocations"),
        POOL_INVALID("not handed out: the pool's spec is invalid");

        private final String description;

        Verdict(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }

        /** The verdict for an address the pool would not hand out, for that reason. */
        static Verdict of(Unallocatable why) {
            return switch (why) {
                case OTHER_FAMILY -> OTHER_FAMILY;
                case OUTSIDE_POOL -> OUTSIDE_POOL;
                case EXCLUDED -> EXCLUDED;
                case RESERVED -> RESERVED;
                case GATEWAY -> GATEWAY;
            };
        }
    }

    /**
     * The answer to {@code --address}.
     *
     * @param holders the IPAddresses of the pool that hold the address (more than one only when
     *     something went wrong outside the provider); empty unless {@code verdict} is {@code HELD}
     * @param notHandedOutBecause for a held address the pool would not hand out now (excluded since,
     *     say): why; empty otherwise
     * @param subnet in a pool with {@code spec.subnets}, the subnet whose addresses hold it
     *     ({@code spec.subnets[1] (10.0.2.0/24)}); empty in a pool of one subnet, or when it lies in none
     * @param keptFor the claim {@code spec.preAllocations} keeps the address for, if any
     */
    record AddressVerdict(String address, Verdict verdict, List<Holder> holders, Optional<Verdict> notHandedOutBecause,
            Optional<String> subnet, Optional<String> keptFor) {

        AddressVerdict {
            holders = List.copyOf(holders);
        }

        /**
         * {@code "10.0.0.7 is held by IPAddress ns/a (claim ns/c)"}, {@code "10.0.0.1 is the gateway"},
         * {@code "10.0.2.7 in spec.subnets[1] (10.0.2.0/24) is free"}, {@code "... is kept for claim vip"}.
         */
        String sentence() {
            String which = address + subnet.map(s -> " in " + s).orElse("");
            String kept = keptFor.map(claim -> "kept for claim " + claim + " by spec.preAllocations").orElse("");
            if (verdict == Verdict.KEPT) {
                return which + " is " + kept;
            }
            if (verdict != Verdict.HELD) {
                return which + " is " + verdict.description();
            }
            String why = notHandedOutBecause.map(v -> "; the pool would not hand it out now: it is " + v.description()).orElse("");
            return which + " is held by " + holders.stream().map(Holder::toString).reduce((a, b) -> a + ", " + b).orElseThrow() + why
                    + (kept.isEmpty() ? "" : "; it is " + kept);
        }
    }
}

package dev.clusteripam.bench.chaos;

import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * What the invariants are checked against: the pools, claims, IPAddresses and ledger entries of a
 * cluster, reduced to the fields the checks read. Made from the API server by {@link ClusterReader}
 * or by hand in tests.
 *
 * @param undecodable objects that are not even readable as their kind (kind/namespace/name: cause), reported apart
 */
record ClusterState(List<Pool> pools, List<Claim> claims, List<Address> addresses, List<LedgerEntry> ledger, List<String> undecodable) {

    ClusterState {
        pools = List.copyOf(pools);
        claims = List.copyOf(claims);
        addresses = List.copyOf(addresses);
        ledger = List.copyOf(ledger);
        undecodable = List.copyOf(undecodable);
    }

    /** A pool by kind, namespace ("" for the global kinds) and name. */
    record PoolRef(String kind, String namespace, String name) {
        @Override
        public String toString() {
            return kind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
        }
    }

    /**
     * @param allocatable whether the pool may hand out an address (text) with a prefix length; empty when the pool
     *        is invalid or undecodable, and so may hand out nothing
     */
    record Pool(PoolRef ref, Optional<BiPredicate<String, Long>> allocatable) {
    }

    /** @param addressRef {@code status.addressRef.name}, when set */
    record Claim(String namespace, String name, PoolRef pool, boolean deleting, boolean ready, Optional<String> addressRef) {
    }

    /**
     * @param address {@code spec.address} as written
     * @param prefix {@code spec.prefix}: a long, since a hand-made one may hold what no int holds
     * @param handMade made by the suite as a poison object, not by the provider: no check applies to it
     */
    record Address(String namespace, String name, String address, long prefix, PoolRef pool, String claimName, boolean handMade) {
    }

    /**
     * One holder of an allocation ledger block.
     *
     * @param item the canonical address (the base address for sub-prefixes)
     * @param holder {@code namespace/name} of the claim and its IPAddress
     * @param handMade a block the suite made as a poison object
     */
    record LedgerEntry(PoolRef pool, String item, String holder, boolean handMade) {
    }
}

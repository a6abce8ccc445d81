package dev.clusteripam.core.overlap;

import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.PrefixPool;
import java.util.Objects;

/**
 * The addresses a pool may hand out, as one family's address values: what two pools must share to
 * overlap. An IP pool's allocatable addresses (an address one pool excludes, reserves or uses as
 * its gateway is not shared); a prefix pool's allocatable sub-prefixes, address by address.
 */
public record PoolAddressSet(IpFamily family, IntervalSet addresses) {

    public PoolAddressSet {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(addresses, "addresses");
    }

    public static PoolAddressSet of(AddressPool pool) {
        return new PoolAddressSet(pool.family(), pool.allocatable());
    }

    public static PoolAddressSet of(PrefixPool pool) {
        return new PoolAddressSet(IpFamily.IPV6, pool.allocatableAddresses());
    }
}

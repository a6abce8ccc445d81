package dev.clusteripam.controller.allocation;

import dev.clusteripam.core.pool.AddressSubnet;
import dev.clusteripam.core.pool.PoolUsage;

/** One subnet of an IP pool with its counts, for the pool's {@code status.subnets}. */
public record SubnetUsage(AddressSubnet subnet, PoolUsage usage) {
}

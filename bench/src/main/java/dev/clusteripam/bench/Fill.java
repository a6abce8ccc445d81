package dev.clusteripam.bench;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A pool state to measure: an IPv4 pool ({@code 10.0.0.0/16} or {@code /8}) whose lowest
 * {@code filled} addresses were handed out, as first-fit allocation leaves a pool. The
 * {@code EVERY_OTHER_FREED} states then release every other one of them: half as many in use, but
 * one free interval per address in use, the index's worst shape.
 */
public enum Fill {
    SLASH16_0_USED(16, 0, false),
    SLASH16_10K_USED(16, 10_000, false),
    SLASH16_60K_USED(16, 60_000, false),
    SLASH8_1M_USED(8, 1_000_000, false),
    SLASH16_60K_EVERY_OTHER_FREED(16, 60_000, true),
    SLASH8_1M_EVERY_OTHER_FREED(8, 1_000_000, true);

    private final int prefix;
    private final int filled;
    private final boolean everyOtherFreed;

    Fill(int prefix, int filled, boolean everyOtherFreed) {
        this.prefix = prefix;
        this.filled = filled;
        this.everyOtherFreed = everyOtherFreed;
    }

    public AddressPool pool() {
        return AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.0/" + prefix), prefix));
    }

    /** The addresses in use, lowest first. */
    public List<IpAddress> usedAddresses(AddressPool pool) {
        long first = pool.allocatable().intervals().get(0).first().low();
        int step = everyOtherFreed ? 2 : 1;
        List<IpAddress> used = new ArrayList<>(filled / step);
        for (int offset = 0; offset < filled; offset += step) {
            used.add(IpAddress.ipv4(first + offset));
        }
        return used;
    }
}

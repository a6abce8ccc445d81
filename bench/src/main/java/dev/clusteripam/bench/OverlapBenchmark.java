package dev.clusteripam.bench;

import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.overlap.Overlap;
import dev.clusteripam.core.overlap.OverlapIndex;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of the overlap check (issue 14): 1,000 IPv4 pools of 100 range entries each, every pool
 * sharing half its addresses with the pool before it and half with the pool after it, so every
 * pool overlaps two others in 50 ranges each. Measured: building the index from nothing and
 * computing every pool's overlaps (what the provider does once at start and {@code validate} does
 * for its files), and re-checking one changed pool (what a pool event costs).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class OverlapBenchmark {

    static final int POOLS = 1_000;
    static final int ENTRIES = 100;

    private List<IntervalSet> pools;
    private OverlapIndex<Integer> filled;
    private int changed;

    @Setup
    public void parsePools() {
        pools = new ArrayList<>(POOLS);
        for (int pool = 0; pool < POOLS; pool++) {
            pools.add(addresses(pool));
        }
        filled = new OverlapIndex<>();
        for (int pool = 0; pool < POOLS; pool++) {
            filled.put(pool, IpFamily.IPV4, pools.get(pool));
        }
    }

    /** Pool {@code pool}'s 100 entries of 8 addresses, 10 apart, from address 500 x pool, parsed as the webhook would. */
    static IntervalSet addresses(int pool) {
        List<String> entries = new ArrayList<>(ENTRIES);
        long base = 0x0A00_0000L + 500L * pool;
        for (int entry = 0; entry < ENTRIES; entry++) {
            long first = base + 10L * entry;
            entries.add(IpAddress.ipv4(first) + "-" + IpAddress.ipv4(first + 7));
        }
        return AddressPool.of(AddressPoolSpec.of(entries, 8).withAllocateReservedIPAddresses(true)).allocatable();
    }

    /** Every pool put into an empty index, then every pool's overlaps. */
    @Benchmark
    public Map<Integer, List<Overlap<Integer>>> allOverlapsFromScratch() {
        OverlapIndex<Integer> index = new OverlapIndex<>();
        for (int pool = 0; pool < POOLS; pool++) {
            index.put(pool, IpFamily.IPV4, pools.get(pool));
        }
        return index.allOverlaps();
    }

    /** One pool of the full index put again (its entries removed and inserted) and its overlaps checked. */
    @Benchmark
    public List<Overlap<Integer>> onePoolChanged() {
        int pool = changed++ % POOLS;
        filled.put(pool, IpFamily.IPV4, pools.get(pool));
        return filled.overlapsOf(pool);
    }
}

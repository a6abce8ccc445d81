package dev.clusteripam.bench;

import dev.clusteripam.core.alloc.AddressPoolAllocator;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.pool.AddressPool;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of finding the next address for a claim, as the pool fills: the free-space index
 * against the upstream-style list scan, on the same pool states in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class AllocateNextBenchmark {

    /** Without values JMH measures every constant of the enum. */
    @Param
    public Fill fill;

    private AddressPool pool;
    private List<IpAddress> used;
    private AddressPoolAllocator allocator;

    @Setup
    public void fillPool() {
        pool = fill.pool();
        used = fill.usedAddresses(pool);
        allocator = AddressPoolAllocator.of(pool, used);
    }

    /** Takes the lowest free address from the index, then gives it back so the fill stays constant. */
    @Benchmark
    public IpAddress index() {
        IpAddress address = allocator.allocateNext().orElseThrow();
        allocator.release(address);
        return address;
    }

    /** Rebuilds the set of used addresses and scans the pool for the first free one. */
    @Benchmark
    public IpAddress listScan() {
        return ListScanAllocation.firstFree(pool, used).orElseThrow();
    }
}

package dev.clusteripam.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.PrefixPool;
import dev.clusteripam.core.pool.PrefixPoolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrefixPoolAllocatorTest {

    @Test
    void carvesSlash64sOutOfASlash48SkippingAnExcludedOne() {
        PrefixPoolAllocator allocator = allocator(PrefixPoolSpec.of(List.of("fd00::/48"), 64)
                .withExcludedPrefixes(List.of("fd00:0:0:1::/64")));
        assertThat(next(allocator, 2)).containsExactly("fd00::/64", "fd00:0:0:2::/64");
    }

    @Test
    void anExclusionBlocksEverySubPrefixItTouches() {
        // A single address inside fd00:0:0:3::/64 and a range across the 4/5 boundary block three /64s.
        PrefixPoolAllocator allocator = allocator(PrefixPoolSpec.of(List.of("fd00::/61"), 64)
                .withExcludedPrefixes(List.of("fd00:0:0:3::42", "fd00:0:0:4:ffff::-fd00:0:0:5::1")));
        assertThat(next(allocator, 6)).containsExactly(
                "fd00::/64", "fd00:0:0:1::/64", "fd00:0:0:2::/64", "fd00:0:0:6::/64", "fd00:0:0:7::/64", "exhausted");
    }

    @Test
    void aPrefixAsLongAsTheAllocationLengthIsOneSubPrefix() {
        PrefixPoolAllocator allocator = allocator(PrefixPoolSpec.of(List.of("fd00:0:0:9::/64", "fd00:0:0:1::/64"), 64));
        assertThat(next(allocator, 3)).containsExactly("fd00:0:0:1::/64", "fd00:0:0:9::/64", "exhausted");
    }

    @Test
    void slash128AllocationsHandOutSingleAddressesUpToTheTopOfTheSpace() {
        PrefixPoolAllocator allocator = allocator(PrefixPoolSpec.of(List.of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127"), 128));
        assertThat(next(allocator, 3)).containsExactly(
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "exhausted");
    }

    @Test
    void countsSubPrefixesAndTreatsForeignOnesAsOutOfRange() throws IpFormatException {
        PrefixPool pool = PrefixPool.of(PrefixPoolSpec.of(List.of("fd00::/62"), 64));
        PrefixPoolAllocator allocator = PrefixPoolAllocator.of(pool, List.of(
                IpPrefix.parse("fd00:0:0:1::/64"), IpPrefix.parse("fd00:0:0:1::/80"), IpPrefix.parse("fd01::/64")));
        assertThat(allocator.usage()).isEqualTo(new PoolUsage(4, 3, 2, 3));
        assertThat(allocator.allocate(IpPrefix.parse("fd00:0:0:1::/64"))).as("in use").isFalse();
        assertThat(allocator.allocate(IpPrefix.parse("fd00:0:0:2::1/64"))).as("not aligned").isFalse();
        assertThat(allocator.allocate(IpPrefix.parse("fd00:0:0:2::/64"))).isTrue();
        assertThat(allocator.release(IpPrefix.parse("fd01::/64"))).isTrue();
        assertThat(allocator.usage()).isEqualTo(new PoolUsage(4, 3, 1, 2));
        assertThat(allocator.freeRuns()).extracting(r -> r.first() + ".." + r.last() + " x" + r.count())
                .containsExactly("fd00::/64..fd00::/64 x1", "fd00:0:0:3::/64..fd00:0:0:3::/64 x1");
    }

    @Test
    void aHugePoolCountsAtTheInt64Maximum() {
        PrefixPoolAllocator allocator = allocator(PrefixPoolSpec.of(List.of("::/0"), 128));
        assertThat(allocator.usage().total()).isEqualTo(Long.MAX_VALUE);
    }

    static PrefixPoolAllocator allocator(PrefixPoolSpec spec) {
        return new PrefixPoolAllocator(PrefixPool.of(spec));
    }

    static List<String> next(PrefixPoolAllocator allocator, int count) {
        List<String> handedOut = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<IpPrefix> prefix = allocator.allocateNext();
            if (prefix.isEmpty()) {
                handedOut.add("exhausted");
                break;
            }
            handedOut.add(prefix.get().toString());
        }
        return handedOut;
    }
}

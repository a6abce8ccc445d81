package dev.clusteripam.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.ip.IpRange;
import dev.clusteripam.core.ip.U128;
import dev.clusteripam.core.pool.PoolEntry;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.PrefixPool;
import dev.clusteripam.core.pool.PrefixPoolSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    record Operation(boolean allocateNext, int block) {
    }

    /**
     * Random /L pools carved from a few prefixes with random exclusions: the allocator agrees with
     * a sorted-set scan over enumerated sub-prefixes, and what it hands out never overlaps an
     * exclusion, another allocation or the outside of the pool.
     */
    @Property(tries = 1000)
    void agreesWithAnEnumeratedReference(@ForAll("pools") PrefixPoolSpec spec, @ForAll("operations") List<Operation> operations)
            throws IpFormatException {
        PrefixPool pool = PrefixPool.of(spec);
        PrefixPoolAllocator allocator = new PrefixPoolAllocator(pool);
        int length = spec.effectiveAllocationPrefixLength();
        TreeSet<IpPrefix> allocatable = enumerateAllocatable(spec, length);
        Set<IpPrefix> used = new HashSet<>();

        for (Operation operation : operations) {
            if (operation.allocateNext()) {
                Optional<IpPrefix> expected = allocatable.stream().filter(p -> !used.contains(p)).findFirst();
                assertThat(allocator.allocateNext()).isEqualTo(expected);
                expected.ifPresent(used::add);
            } else {
                IpPrefix candidate = blockInBase(operation.block(), length);
                assertThat(allocator.release(candidate)).isEqualTo(used.remove(candidate));
            }
            assertThat(allocator.usage().used()).isEqualTo(used.size());
            assertThat(allocator.usage().free()).isEqualTo(allocatable.size() - used.size());
        }
    }

    private static TreeSet<IpPrefix> enumerateAllocatable(PrefixPoolSpec spec, int length) throws IpFormatException {
        List<IpRange> excluded = new ArrayList<>();
        for (String text : spec.excludedPrefixes()) {
            excluded.add(PoolEntry.parse(text).range());
        }
        TreeSet<IpPrefix> result = new TreeSet<>();
        for (String text : spec.prefixes()) {
            IpPrefix prefix = IpPrefix.parse(text);
            BigInteger count = BigInteger.ONE.shiftLeft(length - prefix.length());
            BigInteger step = BigInteger.ONE.shiftLeft(128 - length);
            for (BigInteger i = BigInteger.ZERO; i.compareTo(count) < 0; i = i.add(BigInteger.ONE)) {
                U128 start = U128.of(prefix.address().value().toBigInteger().add(i.multiply(step)));
                IpPrefix candidate = new IpPrefix(new IpAddress(prefix.family(), start), length);
                boolean overlapsExclusion = excluded.stream().anyMatch(r ->
                        !(r.last().compareTo(candidate.firstAddress()) < 0 || r.first().compareTo(candidate.lastAddress()) > 0));
                if (!overlapsExclusion) {
                    result.add(candidate);
                }
            }
        }
        return result;
    }

    /** The upper 64 bits of fd00::/60. */
    private static final long BASE_HIGH = 0xfd00_0000_0000_0000L;

    /** Pools live in fd00::/60 (16 /64s) carved at lengths 60 to 68. */
    @Provide
    Arbitrary<PrefixPoolSpec> pools() {
        return Arbitraries.integers().between(60, 68).flatMap(length -> {
            Arbitrary<String> prefix = Combinators.combine(Arbitraries.integers().between(0, 15), Arbitraries.integers().between(60, length))
                    .as((block, prefixLength) -> IpPrefix.containing(blockInBase(block, 64).address(), prefixLength).toString());
            Arbitrary<IpAddress> excludedAddress = Combinators.combine(Arbitraries.integers().between(0, 15), Arbitraries.longs())
                    .as((block, host) -> new IpAddress(IpFamily.IPV6, new U128(BASE_HIGH + block, host)));
            Arbitrary<String> single = excludedAddress.map(IpAddress::toString);
            Arbitrary<String> range = Combinators.combine(excludedAddress, excludedAddress)
                    .as((a, b) -> a.compareTo(b) <= 0 ? a + "-" + b : b + "-" + a);
            Arbitrary<String> cidr = Combinators.combine(excludedAddress, Arbitraries.integers().between(60, 128))
                    .as((a, cidrLength) -> IpPrefix.containing(a, cidrLength).toString());
            Arbitrary<String> exclusion = Arbitraries.oneOf(single, range, cidr);
            return Combinators.combine(prefix.list().ofMinSize(1).ofMaxSize(3), exclusion.list().ofMaxSize(3))
                    .as((prefixes, excluded) -> PrefixPoolSpec.of(prefixes, length).withExcludedPrefixes(excluded));
        });
    }

    @Provide
    Arbitrary<List<Operation>> operations() {
        return Combinators.combine(Arbitraries.of(true, true, false), Arbitraries.integers().between(0, 15))
                .as(Operation::new).list().ofMaxSize(40);
    }

    /** Sub-prefix number {@code block} (of /64s) within fd00::/60, as a prefix of {@code length}. */
    private static IpPrefix blockInBase(int block, int length) {
        return IpPrefix.containing(new IpAddress(IpFamily.IPV6, new U128(BASE_HIGH + block, 0L)), length);
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

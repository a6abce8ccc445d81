package dev.clusteripam.core.alloc;

import static dev.clusteripam.core.check.Generators.ints;
import static dev.clusteripam.core.check.Generators.lists;
import static dev.clusteripam.core.check.Generators.longs;
import static dev.clusteripam.core.check.Generators.of;
import static dev.clusteripam.core.check.Generators.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.check.PropertyCheck;
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
import io.kotest.property.Arb;
import io.kotest.property.arbitrary.BindKt;
import io.kotest.property.arbitrary.MapKt;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Random /L pools carved from a few prefixes of fd00::/60 with random exclusions, driven through
 * the allocator and through {@link ReferencePrefixPool}: the answers must be identical, and what
 * the allocator hands out lies inside a pool prefix, touches no exclusion and overlaps nothing else
 * in use.
 */
class PrefixPoolAllocatorPropertyTest {

    /** The upper 64 bits of fd00::/60, the space every pool is carved from. */
    private static final long BASE_HIGH = 0xfd00_0000_0000_0000L;

    /** The /64s of fd00::/60 that operations address; 16 and 17 lie just outside it. */
    private static final int BLOCKS = 18;

    enum Kind { ALLOCATE_NEXT, ALLOCATE, MARK_USED, RELEASE }

    /** How an operation's prefix relates to the pool's sub-prefixes. */
    enum Shape { ALIGNED, NOT_ALIGNED, SHORTER, LONGER }

    record Operation(Kind kind, int block, Shape shape) {
        IpPrefix prefix(int length) {
            IpPrefix aligned = blockInBase(block, length);
            return switch (shape) {
                case ALIGNED -> aligned;
                case NOT_ALIGNED -> new IpPrefix(aligned.address().next().orElseThrow(), length);
                case SHORTER -> IpPrefix.containing(aligned.address(), length - 1);
                case LONGER -> new IpPrefix(aligned.address(), length + 1);
            };
        }
    }

    record Scenario(PrefixPoolSpec spec, List<Operation> operations) {
    }

    /** First fit, release and re-allocation, next-free and usage counts against the reference. */
    @Test
    void nextAndReleaseAgreeWithAnEnumeratedReference() {
        Arb<Operation> operation = BindKt.bind(Arb.Companion, of(Kind.ALLOCATE_NEXT, Kind.ALLOCATE_NEXT, Kind.RELEASE),
                ints(0, 15), (kind, block) -> new Operation(kind, block, Shape.ALIGNED));
        PropertyCheck.forAll(1000, scenarios(lists(operation, 0, 40)), PrefixPoolAllocatorPropertyTest::runAgainstReference);
    }

    /**
     * Every operation, on aligned and misaligned prefixes, prefixes of other lengths and prefixes
     * outside the pool: the same answers as the reference, and what is handed out never overlaps.
     */
    @Test
    void everyOperationAgreesWithTheReferenceAndNothingOverlaps() {
        Arb<Operation> operation = BindKt.bind(Arb.Companion,
                of(Kind.ALLOCATE_NEXT, Kind.ALLOCATE_NEXT, Kind.ALLOCATE, Kind.MARK_USED, Kind.RELEASE, Kind.RELEASE),
                ints(0, BLOCKS - 1), of(Shape.ALIGNED, Shape.ALIGNED, Shape.ALIGNED, Shape.NOT_ALIGNED, Shape.SHORTER, Shape.LONGER),
                Operation::new);
        PropertyCheck.forAll(1000, scenarios(lists(operation, 0, 60)), PrefixPoolAllocatorPropertyTest::runAgainstReference);
    }

    private static void runAgainstReference(Scenario scenario) throws IpFormatException {
        PrefixPoolSpec spec = scenario.spec();
        PrefixPoolAllocator allocator = new PrefixPoolAllocator(PrefixPool.of(spec));
        ReferencePrefixPool reference = new ReferencePrefixPool(spec);
        int length = spec.effectiveAllocationPrefixLength();

        for (Operation operation : scenario.operations()) {
            IpPrefix prefix = operation.prefix(length);
            switch (operation.kind()) {
                case ALLOCATE_NEXT -> {
                    Optional<IpPrefix> actual = allocator.allocateNext();
                    assertThat(actual).as("next after %s", scenario.operations()).isEqualTo(reference.allocateNext());
                    if (actual.isPresent()) {
                        assertHandsOutOnlyPoolSpace(spec, actual.get());
                    }
                }
                case ALLOCATE -> assertThat(allocator.allocate(prefix)).as("allocate %s", prefix).isEqualTo(reference.allocate(prefix));
                case MARK_USED -> assertThat(allocator.markUsed(prefix)).as("mark %s", prefix).isEqualTo(reference.markUsed(prefix));
                case RELEASE -> {
                    assertThat(allocator.release(prefix)).as("release %s", prefix).isEqualTo(reference.release(prefix));
                    if (reference.isAllocatable(prefix)) {
                        assertThat(allocator.isFree(prefix)).as("%s free again after its release", prefix).isTrue();
                    }
                }
            }
            assertThat(allocator.isFree(prefix)).as("is %s free", prefix).isEqualTo(reference.isFree(prefix));
            PoolUsage usage = allocator.usage();
            assertThat(usage.total()).isEqualTo(reference.total());
            assertThat(usage.used()).isEqualTo(reference.used());
            assertThat(usage.outOfRange()).isEqualTo(reference.outOfRange());
            assertThat(usage.free()).isEqualTo(reference.total() - (reference.used() - reference.outOfRange()));
            assertNoOverlap(reference.usedInPool());
        }
    }

    /** Checked from the spec alone, not from the reference: inside a pool prefix, clear of every exclusion. */
    private static void assertHandsOutOnlyPoolSpace(PrefixPoolSpec spec, IpPrefix handedOut) throws IpFormatException {
        assertThat(handedOut.length()).isEqualTo(spec.effectiveAllocationPrefixLength());
        assertThat(handedOut.isNetworkAligned()).as("%s aligned", handedOut).isTrue();
        boolean inside = false;
        for (String text : spec.prefixes()) {
            IpPrefix poolPrefix = IpPrefix.parse(text);
            inside |= poolPrefix.contains(handedOut.firstAddress()) && poolPrefix.contains(handedOut.lastAddress());
        }
        assertThat(inside).as("%s inside %s", handedOut, spec.prefixes()).isTrue();
        for (String text : spec.excludedPrefixes()) {
            IpRange excluded = PoolEntry.parse(text).range();
            assertThat(ReferencePrefixPool.overlaps(excluded, handedOut)).as("%s touches exclusion %s", handedOut, text).isFalse();
        }
    }

    private static void assertNoOverlap(List<IpPrefix> sortedInUse) {
        for (int i = 1; i < sortedInUse.size(); i++) {
            assertThat(sortedInUse.get(i).firstAddress()).as("%s after %s", sortedInUse.get(i), sortedInUse.get(i - 1))
                    .isGreaterThan(sortedInUse.get(i - 1).lastAddress());
        }
    }

    /** Pools live in fd00::/60 (16 /64s), carved at lengths 60 to 68, with up to three exclusions. */
    private static Arb<Scenario> scenarios(Arb<List<Operation>> operations) {
        Arb<PrefixPoolSpec> pools = MapKt.flatMap(ints(60, 68), length -> {
            Arb<String> prefix = BindKt.bind(Arb.Companion, ints(0, 15), ints(60, length),
                    (block, prefixLength) -> IpPrefix.containing(blockInBase(block, 64).address(), prefixLength).toString());
            Arb<IpAddress> excludedAddress = BindKt.bind(Arb.Companion, ints(0, 15), longs(),
                    (block, host) -> new IpAddress(IpFamily.IPV6, new U128(BASE_HIGH + block, host)));
            Arb<String> single = MapKt.map(excludedAddress, IpAddress::toString);
            Arb<String> range = BindKt.bind(Arb.Companion, excludedAddress, excludedAddress,
                    (a, b) -> a.compareTo(b) <= 0 ? a + "-" + b : b + "-" + a);
            Arb<String> cidr = BindKt.bind(Arb.Companion, excludedAddress, ints(60, 128),
                    (a, cidrLength) -> IpPrefix.containing(a, cidrLength).toString());
            return BindKt.bind(Arb.Companion, lists(prefix, 1, 3), lists(oneOf(single, range, cidr), 0, 3),
                    (prefixes, excluded) -> PrefixPoolSpec.of(prefixes, length).withExcludedPrefixes(excluded));
        });
        return BindKt.bind(Arb.Companion, pools, operations, Scenario::new);
    }

    /** Sub-prefix number {@code block} (of /64s) from fd00::, as a prefix of {@code length}. */
    private static IpPrefix blockInBase(int block, int length) {
        return IpPrefix.containing(new IpAddress(IpFamily.IPV6, new U128(BASE_HIGH + block, 0L)), length);
    }
}

package dev.clusteripam.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.U128;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.AddressPoolValidator;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.Validation;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random pools of both families and random operation sequences, driven through the allocator and
 * through {@link ReferenceAddressPool}: the answers must be identical, and no address handed out
 * may be excluded, reserved, the gateway, outside the pool or in use.
 */
class AddressPoolAllocatorPropertyTest {

    /** Operations address the pool's network and a few addresses on either side of it. */
    private static final int MARGIN = 8;

    enum Kind { ALLOCATE_NEXT, ALLOCATE, MARK_USED, RELEASE }

    record Operation(Kind kind, int offset) {
    }

    record Scenario(IpFamily family, U128 base, int hostBits, AddressPoolSpec spec, List<Operation> operations) {
        IpAddress addressAt(int offset) {
            BigInteger network = base.toBigInteger().shiftRight(hostBits).shiftLeft(hostBits);
            BigInteger value = network.add(BigInteger.valueOf(offset - MARGIN))
                    .max(BigInteger.ZERO).min(family.maxValue().toBigInteger());
            return new IpAddress(family, U128.of(value));
        }

        int span() {
            return (1 << hostBits) + 2 * MARGIN;
        }
    }

    @Property(tries = 1000)
    void ipv4PoolsAgreeWithTheReferenceModel(@ForAll("ipv4Scenarios") Scenario scenario) throws IpFormatException {
        runAgainstReference(scenario);
    }

    @Property(tries = 1000)
    void ipv6PoolsAgreeWithTheReferenceModel(@ForAll("ipv6Scenarios") Scenario scenario) throws IpFormatException {
        runAgainstReference(scenario);
    }

    private static void runAgainstReference(Scenario scenario) throws IpFormatException {
        Validation<AddressPool> validation = AddressPoolValidator.validate(scenario.spec());
        Assume.that(validation.isValid());
        AddressPoolAllocator allocator = new AddressPoolAllocator(validation.model().orElseThrow());
        ReferenceAddressPool reference = new ReferenceAddressPool(scenario.spec());

        for (Operation operation : scenario.operations()) {
            IpAddress address = scenario.addressAt(operation.offset());
            switch (operation.kind()) {
                case ALLOCATE_NEXT -> {
                    Optional<IpAddress> expected = reference.allocateNext();
                    Optional<IpAddress> actual = allocator.allocateNext();
                    assertThat(actual).as("next after %s", scenario.operations()).isEqualTo(expected);
                    actual.ifPresent(a -> assertThat(reference.isAllocatable(a)).isTrue());
                }
                case ALLOCATE -> {
                    boolean wasUsed = reference.isUsed(address);
                    boolean taken = allocator.allocate(address);
                    assertThat(taken).as("allocate %s", address).isEqualTo(reference.allocate(address));
                    if (taken) {
                        assertThat(wasUsed).isFalse();
                        assertThat(reference.isAllocatable(address)).isTrue();
                    }
                }
                case MARK_USED -> assertThat(allocator.markUsed(address)).as("mark %s", address).isEqualTo(reference.markUsed(address));
                case RELEASE -> assertThat(allocator.release(address)).as("release %s", address).isEqualTo(reference.release(address));
            }
            assertThat(allocator.isFree(address)).as("is %s free", address).isEqualTo(reference.isFree(address));
            PoolUsage usage = allocator.usage();
            assertThat(usage.total()).isEqualTo(reference.total());
            assertThat(usage.used()).isEqualTo(reference.used());
            assertThat(usage.outOfRange()).isEqualTo(reference.outOfRange());
            assertThat(usage.free()).isEqualTo(reference.total() - (reference.used() - reference.outOfRange()));
        }
    }

    @Provide
    Arbitrary<Scenario> ipv4Scenarios() {
        return scenarios(IpFamily.IPV4, Arbitraries.longs().between(0, 0xFFFFFFFFL).map(U128::ofUnsigned));
    }

    @Provide
    Arbitrary<Scenario> ipv6Scenarios() {
        Arbitrary<Long> word = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, -1L));
        return scenarios(IpFamily.IPV6, Combinators.combine(word, word).as(U128::new));
    }

    private static Arbitrary<Scenario> scenarios(IpFamily family, Arbitrary<U128> bases) {
        Arbitrary<Integer> hostBits = Arbitraries.integers().between(0, 8);
        return Combinators.combine(bases, hostBits).flatAs((base, bits) -> {
            Scenario shape = new Scenario(family, base, bits, null, List.of());
            int span = shape.span();
            Arbitrary<String> inside = entries(shape, MARGIN, MARGIN + (1 << bits) - 1);
            Arbitrary<String> anywhere = entries(shape, 0, span - 1);
            Arbitrary<List<String>> addresses = inside.list().ofMinSize(1).ofMaxSize(4);
            Arbitrary<List<String>> excluded = anywhere.list().ofMaxSize(3);
            Arbitrary<Optional<String>> gateway = Arbitraries.integers().between(0, span - 1)
                    .map(o -> shape.addressAt(o).toString()).optional(0.7);
            Arbitrary<Boolean> allocateReserved = Arbitraries.of(false, false, true);
            Arbitrary<Operation> operation = Combinators.combine(
                    Arbitraries.of(Kind.ALLOCATE_NEXT, Kind.ALLOCATE_NEXT, Kind.ALLOCATE, Kind.MARK_USED, Kind.RELEASE, Kind.RELEASE),
                    Arbitraries.integers().between(0, span - 1)).as(Operation::new);
            return Combinators.combine(addresses, excluded, gateway, allocateReserved, operation.list().ofMaxSize(60))
                    .as((a, e, g, r, ops) -> new Scenario(family, base, bits,
                            new AddressPoolSpec(a, family.bits() - bits, g, e, r, OptionalLong.empty()), ops));
        });
    }

    /** Entries (address, range or CIDR, not always network-aligned) between two offsets of the scenario. */
    private static Arbitrary<String> entries(Scenario shape, int lowOffset, int highOffset) {
        Arbitrary<Integer> offsets = Arbitraries.integers().between(lowOffset, highOffset);
        Arbitrary<String> single = offsets.map(o -> shape.addressAt(o).toString());
        Arbitrary<String> range = Combinators.combine(offsets, offsets).as((x, y) ->
                shape.addressAt(Math.min(x, y)) + "-" + shape.addressAt(Math.max(x, y)));
        Arbitrary<String> cidr = Combinators.combine(offsets, Arbitraries.integers().between(0, shape.hostBits()))
                .as((o, cidrHostBits) -> shape.addressAt(o) + "/" + (shape.family().bits() - cidrHostBits));
        return Arbitraries.oneOf(single, range, cidr);
    }
}

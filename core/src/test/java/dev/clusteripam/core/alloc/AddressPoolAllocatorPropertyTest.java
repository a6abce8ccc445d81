package dev.clusteripam.core.alloc;

import static dev.clusteripam.core.check.Generators.ints;
import static dev.clusteripam.core.check.Generators.lists;
import static dev.clusteripam.core.check.Generators.longs;
import static dev.clusteripam.core.check.Generators.nonNegativeLongs;
import static dev.clusteripam.core.check.Generators.of;
import static dev.clusteripam.core.check.Generators.oneOf;
import static dev.clusteripam.core.check.Generators.optional;
import static dev.clusteripam.core.check.Generators.u128s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.check.PropertyCheck;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.U128;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.AddressPoolValidator;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.Validation;
import io.kotest.property.Arb;
import io.kotest.property.arbitrary.BindKt;
import io.kotest.property.arbitrary.MapKt;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

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

    @Test
    void ipv4PoolsAgreeWithTheReferenceModel() {
        PropertyCheck.forAll(1000, scenarios(IpFamily.IPV4, MapKt.map(nonNegativeLongs(0, 0xFFFFFFFFL), U128::ofUnsigned)),
                AddressPoolAllocatorPropertyTest::runAgainstReference);
    }

    @Test
    void ipv6PoolsAgreeWithTheReferenceModel() {
        PropertyCheck.forAll(1000, scenarios(IpFamily.IPV6, u128s(oneOf(longs(), of(0L, -1L)))),
                AddressPoolAllocatorPropertyTest::runAgainstReference);
    }

    private static void runAgainstReference(Scenario scenario) throws IpFormatException {
        Validation<AddressPool> validation = AddressPoolValidator.validate(scenario.spec());
        PropertyCheck.assume(validation.isValid());
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

    private static Arb<Scenario> scenarios(IpFamily family, Arb<U128> bases) {
        Arb<Scenario> shapes = BindKt.bind(Arb.Companion, bases, ints(0, 8),
                (base, bits) -> new Scenario(family, base, bits, null, List.of()));
        return MapKt.flatMap(shapes, shape -> {
            int bits = shape.hostBits();
            int span = shape.span();
            Arb<List<String>> addresses = lists(entries(shape, MARGIN, MARGIN + (1 << bits) - 1), 1, 4);
            Arb<List<String>> excluded = lists(entries(shape, 0, span - 1), 0, 3);
            Arb<Optional<String>> gateway = optional(MapKt.map(ints(0, span - 1), o -> shape.addressAt(o).toString()), 0.7);
            Arb<Boolean> allocateReserved = of(false, false, true);
            Arb<Operation> operation = BindKt.bind(Arb.Companion,
                    of(Kind.ALLOCATE_NEXT, Kind.ALLOCATE_NEXT, Kind.ALLOCATE, Kind.MARK_USED, Kind.RELEASE, Kind.RELEASE),
                    ints(0, span - 1), Operation::new);
            return BindKt.bind(Arb.Companion, addresses, excluded, gateway, allocateReserved, lists(operation, 0, 60),
                    (a, e, g, r, ops) -> new Scenario(family, shape.base(), bits,
                            new AddressPoolSpec(a, family.bits() - bits, g, e, r, OptionalLong.empty()), ops));
        });
    }

    /** Entries (address, range or CIDR, not always network-aligned) between two offsets of the scenario. */
    private static Arb<String> entries(Scenario shape, int lowOffset, int highOffset) {
        Arb<Integer> offsets = ints(lowOffset, highOffset);
        Arb<String> single = MapKt.map(offsets, o -> shape.addressAt(o).toString());
        Arb<String> range = BindKt.bind(Arb.Companion, offsets, offsets, (x, y) ->
                shape.addressAt(Math.min(x, y)) + "-" + shape.addressAt(Math.max(x, y)));
        Arb<String> cidr = BindKt.bind(Arb.Companion, offsets, ints(0, shape.hostBits()),
                (o, cidrHostBits) -> shape.addressAt(o) + "/" + (shape.family().bits() - cidrHostBits));
        return oneOf(single, range, cidr);
    }
}

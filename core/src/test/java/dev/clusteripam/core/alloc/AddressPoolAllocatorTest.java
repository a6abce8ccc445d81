package dev.clusteripam.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.PoolUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AddressPoolAllocatorTest {

    /** SPEC.md section 5: given a pool, when claims arrive, then these addresses. */
    @Nested
    class ReferenceScenarios {

        @Test
        void aSubnetWithAGatewaySkipsNetworkAndGateway() {
            AddressPoolAllocator allocator = allocator(AddressPoolSpec.of(List.of("10.0.0.0/24"), 24).withGateway("10.0.0.1"));
            assertThat(next(allocator, 3)).containsExactly("10.0.0.2", "10.0.0.3", "10.0.0.4");
        }

        @Test
        void allocatingReservedAddressesStartsAtTheNetworkAddressButStillSkipsTheGateway() {
            AddressPoolAllocator allocator = allocator(AddressPoolSpec.of(List.of("10.0.0.0/24"), 24)
                    .withGateway("10.0.0.1").withAllocateReservedIPAddresses(true));
            assertThat(next(allocator, 2)).containsExactly("10.0.0.0", "10.0.0.2");
        }

        @Test
        void aRangeRunsOut() {
            AddressPoolAllocator allocator = allocator(AddressPoolSpec.of(List.of("10.0.0.10-10.0.0.12"), 24));
            assertThat(next(allocator, 4)).containsExactly("10.0.0.10", "10.0.0.11", "10.0.0.12", "exhausted");
        }

        @Test
        void exclusionsAndTheBroadcastAddressAreSkipped() {
            AddressPoolAllocator allocator = allocator(AddressPoolSpec.of(List.of("10.0.0.0/29"), 29)
                    .withExcludedAddresses(List.of("10.0.0.1-10.0.0.3")));
            assertThat(next(allocator, 4)).containsExactly("10.0.0.4", "10.0.0.5", "10.0.0.6", "exhausted");
        }

        @Test
        void anIpv6SubnetSkipsTheAnycastAddressAndTheGateway() {
            AddressPoolAllocator allocator = allocator(AddressPoolSpec.of(List.of("fd00::/120"), 120).withGateway("fd00::1"));
            assertThat(next(allocator, 2)).containsExactly("fd00::2", "fd00::3");
        }

        @Test
        void anIpv6SubnetWithoutGatewayStartsAfterTheAnycastAddress() {
            AddressPoolAllocator allocator = allocator(AddressPoolSpec.of(List.of("fd00::/120"), 120));
            assertThat(next(allocator, 1)).containsExactly("fd00::1");
        }

        @Test
        void aReleasedAddressIsTheNextOneHandedOut() throws IpFormatException {
            AddressPoolAllocator allocator = allocator(AddressPoolSpec.of(List.of("10.0.0.0/24"), 24).withGateway("10.0.0.1"));
            assertThat(next(allocator, 3)).containsExactly("10.0.0.2", "10.0.0.3", "10.0.0.4");
            assertThat(allocator.release(IpAddress.parse("10.0.0.3"))).isTrue();
            assertThat(next(allocator, 1)).containsExactly("10.0.0.3");
        }
    }

    @Nested
    class EdgesOfThePrefix {

        @Test
        void aSlash32OrSlash31HasNothingToHandOutUnlessReservedAddressesAreAllowed() {
            assertThat(next(allocator(AddressPoolSpec.of(List.of("10.0.0.7"), 32)), 1)).containsExactly("exhausted");
            assertThat(next(allocator(AddressPoolSpec.of(List.of("10.0.0.6/31"), 31)), 1)).containsExactly("exhausted");
            assertThat(next(allocator(AddressPoolSpec.of(List.of("10.0.0.7"), 32).withAllocateReservedIPAddresses(true)), 2))
                    .containsExactly("10.0.0.7", "exhausted");
            assertThat(next(allocator(AddressPoolSpec.of(List.of("10.0.0.6/31"), 31).withAllocateReservedIPAddresses(true)), 3))
                    .containsExactly("10.0.0.6", "10.0.0.7", "exhausted");
        }

        @Test
        void aSlash127KeepsItsSecondAddressAndASlash128HasNone() {
            assertThat(next(allocator(AddressPoolSpec.of(List.of("fd00::/127"), 127)), 2)).containsExactly("fd00::1", "exhausted");
            assertThat(next(allocator(AddressPoolSpec.of(List.of("fd00::5"), 128)), 1)).containsExactly("exhausted");
        }

        @Test
        void reservedAddressesOnlyBlockWhereTheyLieInsideThePool() {
            // 10.0.0.0 and 10.0.0.255 are reserved but not pool addresses: they do not shrink the total.
            AddressPoolAllocator allocator = allocator(AddressPoolSpec.of(List.of("10.0.0.10-10.0.0.19"), 24).withGateway("10.0.0.1"));
            assertThat(allocator.usage()).isEqualTo(new PoolUsage(10, 0, 0, 10));
        }

        @Test
        void rangesCrossByteBoundaries() {
            AddressPoolAllocator allocator = allocator(AddressPoolSpec.of(List.of("10.0.0.254-10.0.1.1"), 23));
            assertThat(next(allocator, 5)).containsExactly("10.0.0.254", "10.0.0.255", "10.0.1.0", "10.0.1.1", "exhausted");
        }

        @Test
        void theTopOfTheIpv6SpaceIsHandedOut() {
            AddressPoolAllocator allocator = allocator(AddressPoolSpec.of(
                    List.of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), 120));
            assertThat(next(allocator, 3)).containsExactly(
                    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "exhausted");
        }

        @Test
        void nonContiguousAndOverlappingEntriesFormOnePool() {
            AddressPoolAllocator allocator = allocator(AddressPoolSpec.of(
                    List.of("10.0.0.20", "10.0.0.10-10.0.0.12", "10.0.0.11/32", "10.0.0.12-10.0.0.13"), 24));
            assertThat(next(allocator, 6)).containsExactly("10.0.0.10", "10.0.0.11", "10.0.0.12", "10.0.0.13", "10.0.0.20", "exhausted");
        }
    }

    @Nested
    class Counting {

        @Test
        void addressesTheSpecNoLongerHandsOutCountAsUsedAndOutOfRange() throws IpFormatException {
            AddressPool pool = AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.0/29"), 29)
                    .withGateway("10.0.0.1").withExcludedAddresses(List.of("10.0.0.6")));
            AddressPoolAllocator allocator = AddressPoolAllocator.of(pool, List.of(
                    IpAddress.parse("10.0.0.2"), IpAddress.parse("10.0.0.6"), IpAddress.parse("10.0.0.1"), IpAddress.parse("10.9.9.9")));
            // total: .2-.5 = 4; used 4 of which 3 out of range; free = 4 - (4 - 3) = 3.
            assertThat(allocator.usage()).isEqualTo(new PoolUsage(4, 4, 3, 3));
            assertThat(next(allocator, 4)).containsExactly("10.0.0.3", "10.0.0.4", "10.0.0.5", "exhausted");
        }

        @Test
        void anAddressAlreadyInUseCannotBeTakenTwice() throws IpFormatException {
            AddressPoolAllocator allocator = allocator(AddressPoolSpec.of(List.of("10.0.0.0/24"), 24));
            IpAddress address = IpAddress.parse("10.0.0.9");
            assertThat(allocator.allocate(address)).isTrue();
            assertThat(allocator.allocate(address)).isFalse();
            assertThat(allocator.markUsed(address)).isFalse();
            assertThat(allocator.allocate(IpAddress.parse("10.0.0.0"))).as("reserved").isFalse();
            assertThat(allocator.allocate(IpAddress.parse("fd00::1"))).as("other family").isFalse();
        }

        @Test
        void countsAboveTheInt64RangeReadAsItsMaximumAndFreeIsTotalMinusUsed() {
            AddressPoolAllocator allocator = allocator(AddressPoolSpec.of(List.of("fd00::/56"), 56));
            allocator.allocateNext();
            assertThat(allocator.usage()).isEqualTo(new PoolUsage(Long.MAX_VALUE, 1, 0, Long.MAX_VALUE - 1));
        }

        @Test
        void aPrefixZeroPoolIsCountedAndServed() {
            AddressPoolAllocator v4 = allocator(AddressPoolSpec.of(List.of("10.0.0.0/8"), 0));
            assertThat(next(v4, 2)).containsExactly("10.0.0.0", "10.0.0.1");
            assertThat(v4.usage()).isEqualTo(new PoolUsage(1 << 24, 2, 0, (1 << 24) - 2));

            AddressPoolAllocator v6 = allocator(AddressPoolSpec.of(List.of("::/0"), 0));
            assertThat(next(v6, 1)).containsExactly("::1");
            assertThat(v6.usage()).isEqualTo(new PoolUsage(Long.MAX_VALUE, 1, 0, Long.MAX_VALUE - 1));
        }

        @Test
        void freeRangesShowTheGapsLowestFirst() {
            AddressPoolAllocator allocator = allocator(AddressPoolSpec.of(List.of("10.0.0.0/29"), 29).withGateway("10.0.0.1"));
            next(allocator, 2);
            assertThat(allocator.freeRanges()).hasToString("[10.0.0.4-10.0.0.6]");
        }
    }

    static AddressPoolAllocator allocator(AddressPoolSpec spec) {
        return new AddressPoolAllocator(AddressPool.of(spec));
    }

    /** The next {@code count} addresses as text, "exhausted" standing for the first empty answer. */
    static List<String> next(AddressPoolAllocator allocator, int count) {
        List<String> handedOut = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<IpAddress> address = allocator.allocateNext();
            if (address.isEmpty()) {
                handedOut.add("exhausted");
                break;
            }
            handedOut.add(address.get().toString());
        }
        return handedOut;
    }
}

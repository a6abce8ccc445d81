package dev.clusteripam.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.alloc.PreAllocatingAllocator.Full;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.InUse;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.KeptForAnother;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.Taken;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.Unfit;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.PrefixPool;
import dev.clusteripam.core.pool.PrefixPoolSpec;
import dev.clusteripam.core.pool.RequestedItem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreAllocatingAllocatorTest {

    /** 10.0.0.2 .. 10.0.0.6 allocatable; 10.0.0.3 kept for "vip". */
    private static final AddressPool POOL = AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.0/29"), 29).withGateway("10.0.0.1"));

    private final PreAllocatingAllocator<IpAddress> allocator = new PreAllocatingAllocator<>(new AddressPoolAllocator(POOL),
            PreAllocations.validate(Map.of("vip", "10.0.0.3"), POOL).orElseThrow());

    @Test
    void theLowestFreeChoiceSkipsAKeptAddressAndItCountsAsUsed() {
        assertThat(allocator.usage().used()).isEqualTo(1);
        assertThat(next(4)).containsExactly("10.0.0.2", "10.0.0.4", "10.0.0.5", "10.0.0.6");
        assertThat(allocator.allocateFor("c5", Optional.empty())).isEqualTo(new Full<>());
        assertThat(allocator.allocateFor("vip", Optional.empty())).isEqualTo(new Taken<>(address("10.0.0.3"), true));
    }

    @Test
    void aKeptAddressGoesToItsClaimOnlyAndStaysKeptAfterItsRelease() {
        assertThat(allocator.allocate(address("10.0.0.3"))).isFalse();
        assertThat(allocator.isFree(address("10.0.0.3"))).isFalse();
        assertThat(allocator.allocateFor("other", request("10.0.0.3"))).isEqualTo(new KeptForAnother<>(address("10.0.0.3"), "vip"));
        assertThat(allocator.allocateFor("vip", Optional.empty())).isEqualTo(new Taken<>(address("10.0.0.3"), true));
        assertThat(allocator.allocateFor("vip", Optional.empty())).as("a second claim of that name, elsewhere")
                .isEqualTo(new InUse<>(address("10.0.0.3"), true));

        assertThat(allocator.release(address("10.0.0.3"))).isTrue();
        assertThat(allocator.usage().used()).isEqualTo(1);
        assertThat(allocator.allocateNext()).hasValue(address("10.0.0.2"));
        assertThat(allocator.allocateFor("other", request("10.0.0.3"))).isInstanceOf(KeptForAnother.class);
        assertThat(allocator.allocateFor("vip", Optional.empty())).isEqualTo(new Taken<>(address("10.0.0.3"), true));
    }

    @Test
    void thePreAllocationWinsOverWhatItsClaimAsksFor() {
        assertThat(allocator.allocateFor("vip", request("10.0.0.5"))).isEqualTo(new Taken<>(address("10.0.0.3"), true));
        assertThat(allocator.isFree(address("10.0.0.5"))).isTrue();
    }

    @Test
    void aRequestedAddressIsTakenOnceAndNeverReplacedByAnother() {
        assertThat(allocator.allocateFor("a", request("10.0.0.5"))).isEqualTo(new Taken<>(address("10.0.0.5"), false));
        assertThat(allocator.allocateFor("b", request("10.0.0.5"))).isEqualTo(new InUse<>(address("10.0.0.5"), false));
        assertThat(allocator.allocateNext()).hasValue(address("10.0.0.2"));
        assertThat(allocator.release(address("10.0.0.5"))).isTrue();
        assertThat(allocator.allocateFor("b", request("10.0.0.5"))).isEqualTo(new Taken<>(address("10.0.0.5"), false));
    }

    @Test
    void anAddressThePoolWouldNotHandOutIsUnfit() {
        Optional<RequestedItem<IpAddress>> gateway = request("10.0.0.1");
        assertThat(allocator.allocateFor("a", gateway)).isEqualTo(new Unfit<>(gateway.get()));
        assertThat(allocator.usage().used()).isEqualTo(1);
    }

    @Test
    void prefixPoolsKeepAndHandOutRequestedSubPrefixes() {
        PrefixPool pool = PrefixPool.of(PrefixPoolSpec.of(List.of("fd00:1::/62"), 64));
        PreAllocatingAllocator<IpPrefix> prefixes = new PreAllocatingAllocator<>(new PrefixPoolAllocator(pool),
                PreAllocations.validate(Map.of("edge", "fd00:1::/64"), pool).orElseThrow());
        assertThat(prefixes.allocateNext()).hasValue(prefix("fd00:1:0:1::/64"));
        assertThat(prefixes.allocateFor("a", Optional.of(RequestedItem.of("fd00:1:0:3::/64", pool))))
                .isEqualTo(new Taken<>(prefix("fd00:1:0:3::/64"), false));
        assertThat(prefixes.allocateFor("b", Optional.of(RequestedItem.of("fd00:1::/64", pool))))
                .isEqualTo(new KeptForAnother<>(prefix("fd00:1::/64"), "edge"));
        assertThat(prefixes.allocateFor("edge", Optional.empty())).isEqualTo(new Taken<>(prefix("fd00:1::/64"), true));
        assertThat(prefixes.allocateFor("c", Optional.empty())).isEqualTo(new Taken<>(prefix("fd00:1:0:2::/64"), false));
        assertThat(prefixes.usage().free()).isZero();
    }

    private List<String> next(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> allocator.allocateFor("c" + i, Optional.empty()))
                .map(choice -> ((Taken<IpAddress>) choice).item().toString()).toList();
    }

    private static Optional<RequestedItem<IpAddress>> request(String text) {
        return Optional.of(RequestedItem.of(text, POOL));
    }

    private static IpAddress address(String text) {
        return IpAddress.tryParse(text).orElseThrow();
    }

    private static IpPrefix prefix(String text) {
        try {
            return IpPrefix.parse(text);
        } catch (dev.clusteripam.core.ip.IpFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

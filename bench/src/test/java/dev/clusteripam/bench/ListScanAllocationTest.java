package dev.clusteripam.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.alloc.AddressPoolAllocator;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The baseline is a fair comparison only if it finds the address the index finds. */
class ListScanAllocationTest {

    /** 10.0.0.0-10.0.0.15 and 10.0.0.20-10.0.0.22 less the network address, gateway and exclusions: 13 addresses in three runs. */
    private static final AddressPool POOL_WITH_GAPS = AddressPool.of(
            AddressPoolSpec.of(List.of("10.0.0.0/28", "10.0.0.20-10.0.0.22"), 24)
                    .withGateway("10.0.0.1")
                    .withExcludedAddresses(List.of("10.0.0.4-10.0.0.6", "10.0.0.21")));

    private final AddressPoolAllocator index = new AddressPoolAllocator(POOL_WITH_GAPS);
    private final List<IpAddress> used = new ArrayList<>();

    @ParameterizedTest
    @EnumSource(Fill.class)
    void agreesWithTheIndexOnEveryBenchmarkedFill(Fill fill) {
        AddressPool pool = fill.pool();
        List<IpAddress> inUse = fill.usedAddresses(pool);

        Optional<IpAddress> fromIndex = AddressPoolAllocator.of(pool, inUse).allocateNext();

        assertThat(fromIndex).isPresent();
        assertThat(ListScanAllocation.firstFree(pool, inUse)).isEqualTo(fromIndex);
    }

    @Test
    void agreesWithTheIndexClaimByClaimUntilThePoolIsFull() {
        List<Optional<IpAddress>> handedOut = new ArrayList<>();
        for (int claim = 0; claim <= POOL_WITH_GAPS.total().intValueExact(); claim++) {
            handedOut.add(nextFromBothAgreeing());
        }

        assertThat(handedOut).map(a -> a.map(IpAddress::toString).orElse("full")).containsExactly(
                "10.0.0.2", "10.0.0.3", "10.0.0.7", "10.0.0.8", "10.0.0.9", "10.0.0.10", "10.0.0.11",
                "10.0.0.12", "10.0.0.13", "10.0.0.14", "10.0.0.15", "10.0.0.20", "10.0.0.22", "full");
    }

    @Test
    void agreesWithTheIndexOnReleasedAddresses() throws IpFormatException {
        while (nextFromBothAgreeing().isPresent()) {
            // fill the pool
        }
        for (String address : List.of("10.0.0.22", "10.0.0.9", "10.0.0.3")) {
            index.release(IpAddress.parse(address));
            used.remove(IpAddress.parse(address));
        }

        assertThat(List.of(nextFromBothAgreeing(), nextFromBothAgreeing(), nextFromBothAgreeing(), nextFromBothAgreeing()))
                .map(a -> a.map(IpAddress::toString).orElse("full"))
                .containsExactly("10.0.0.3", "10.0.0.9", "10.0.0.22", "full");
    }

    /** The index's next address, after checking that the baseline finds the same one. */
    private Optional<IpAddress> nextFromBothAgreeing() {
        Optional<IpAddress> fromBaseline = ListScanAllocation.firstFree(POOL_WITH_GAPS, used);
        Optional<IpAddress> fromIndex = index.allocateNext();
        assertThat(fromIndex).isEqualTo(fromBaseline);
        fromIndex.ifPresent(used::add);
        return fromIndex;
    }
}

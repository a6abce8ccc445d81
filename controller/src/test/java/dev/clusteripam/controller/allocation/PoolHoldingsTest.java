package dev.clusteripam.controller.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.KeptForAnother;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.Taken;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.PoolUsage;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.RequestedItem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The in-memory holdings of one pool of three addresses (10.0.0.1-10.0.0.3): counts, sharing, set-aside and put-back. */
class PoolHoldingsTest {

    private static final Holder A = new Holder("ns", "a");
    private static final Holder B = new Holder("ns", "b");
    private static final Holder C = new Holder("ns", "c");

    private final AddressPoolItems items = new AddressPoolItems(AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.1-10.0.0.3"), 24)), PreAllocations.none());
    private final PoolHoldings<IpAddress> holdings = new PoolHoldings<>(items, AllocationStrategy.INDEX, List::of);

    @Test
    void everyHolderCountsAsUsedAndThoseOutsideThePoolAsOutOfRange() {
        next(A);
        holdings.hold(B, address("10.0.0.9"));

        assertThat(holdings.usage()).isEqualTo(PoolUsage.of(items.total(), 2, 1));

        holdings.drop(B);
        assertThat(holdings.usage()).isEqualTo(PoolUsage.of(items.total(), 1, 0));
    }

    @Test
    void anAddressTwoIpAddressesShareIsFreeOnlyOnceTheLastOfThemGoes() {
        holdings.hold(A, address("10.0.0.1"));
        holdings.hold(B, address("10.0.0.1"));
        assertThat(holdings.usage().used()).isEqualTo(2);

        holdings.drop(A);
        assertThat(next(C)).as("still held by B").hasValue(address("10.0.0.2"));

        holdings.drop(B);
        assertThat(next(new Holder("ns", "d"))).hasValue(address("10.0.0.1"));
    }

    @Test
    void holdingIsIdempotentAndMovingAHolderFreesWhatItHeld() {
        holdings.hold(A, address("10.0.0.1"));
        holdings.hold(A, address("10.0.0.1"));
        assertThat(holdings.usage().used()).isEqualTo(1);

        holdings.hold(A, address("10.0.0.3"));

        assertThat(holdings.heldBy(A)).hasValue(address("10.0.0.3"));
        assertThat(next(B)).hasValue(address("10.0.0.1"));
        assertThat(holdings.usage().used()).isEqualTo(2);
    }

    @Test
    void anAddressSetAsideIsSkippedUntilPutBackAndCountsForNobody() {
        holdings.setAside(address("10.0.0.1"));
        assertThat(next(A)).hasValue(address("10.0.0.2"));
        assertThat(holdings.usage().used()).isEqualTo(1);

        holdings.putBack(address("10.0.0.1"));

        assertThat(next(B)).hasValue(address("10.0.0.1"));
    }

    @Test
    void puttingBackAnAddressAHolderTookMeanwhileLeavesItTaken() {
        holdings.setAside(address("10.0.0.1"));
        holdings.hold(A, address("10.0.0.1"));

        holdings.putBack(address("10.0.0.1"));

        assertThat(next(B)).hasValue(address("10.0.0.2"));
        assertThat(holdings.heldBy(A)).hasValue(address("10.0.0.1"));
    }

    @Test
    void anAddressKeptForAClaimCountsAsUsedOnceWhetherItsClaimHoldsItOrNot() {
        AddressPool pool = AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.1-10.0.0.3"), 24));
        AddressPoolItems kept = new AddressPoolItems(pool, PreAllocations.validate(Map.of("vip", "10.0.0.1"), pool).orElseThrow());
        PoolHoldings<IpAddress> keeping = new PoolHoldings<>(kept, AllocationStrategy.INDEX, List::of);
        assertThat(keeping.usage().used()).isEqualTo(1);

        assertThat(keeping.allocateFor(A, Optional.empty())).isEqualTo(new Taken<>(address("10.0.0.2"), false));
        Holder vip = new Holder("other", "vip");
        assertThat(keeping.allocateFor(vip, Optional.empty())).isEqualTo(new Taken<>(address("10.0.0.1"), true));
        assertThat(keeping.usage().used()).isEqualTo(2);
        assertThat(keeping.holderOf(address("10.0.0.1"))).hasValue(vip);

        keeping.drop(vip);
        assertThat(keeping.usage().used()).isEqualTo(2);
        assertThat(keeping.allocateFor(B, Optional.of(RequestedItem.of("10.0.0.1", pool))))
                .isEqualTo(new KeptForAnother<>(address("10.0.0.1"), "vip"));
        assertThat(keeping.allocateFor(C, Optional.empty())).isEqualTo(new Taken<>(address("10.0.0.3"), false));
    }

    private Optional<IpAddress> next(Holder holder) {
        return holdings.allocateFor(holder, Optional.empty()) instanceof Taken<IpAddress> taken ? Optional.of(taken.item()) : Optional.empty();
    }

    private static IpAddress address(String text) {
        return IpAddress.tryParse(text).orElseThrow();
    }
}

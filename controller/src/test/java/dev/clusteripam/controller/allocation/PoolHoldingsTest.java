package dev.clusteripam.controller.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.PoolUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory holdings of one pool of three addresses (10.0.0.1-10.0.0.3): counts, sharing, set-aside and put-back. */
class PoolHoldingsTest {

    private static final Holder A = new Holder("ns", "a");
    private static final Holder B = new Holder("ns", "b");
    private static final Holder C = new Holder("ns", "c");

    private final AddressPoolItems items = new AddressPoolItems(AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.1-10.0.0.3"), 24)));
    private final PoolHoldings<IpAddress> holdings = new PoolHoldings<>(items, AllocationStrategy.INDEX, List::of);

    @Test
    void everyHolderCountsAsUsedAndThoseOutsideThePoolAsOutOfRange() {
        holdings.allocateFor(A);
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
        assertThat(holdings.allocateFor(C)).as("still held by B").hasValue(address("10.0.0.2"));

        holdings.drop(B);
        assertThat(holdings.allocateFor(new Holder("ns", "d"))).hasValue(address("10.0.0.1"));
    }

    @Test
    void holdingIsIdempotentAndMovingAHolderFreesWhatItHeld() {
        holdings.hold(A, address("10.0.0.1"));
        holdings.hold(A, address("10.0.0.1"));
        assertThat(holdings.usage().used()).isEqualTo(1);

        holdings.hold(A, address("10.0.0.3"));

        assertThat(holdings.heldBy(A)).hasValue(address("10.0.0.3"));
        assertThat(holdings.allocateFor(B)).hasValue(address("10.0.0.1"));
        assertThat(holdings.usage().used()).isEqualTo(2);
    }

    @Test
    void anAddressSetAsideIsSkippedUntilPutBackAndCountsForNobody() {
        holdings.setAside(address("10.0.0.1"));
        assertThat(holdings.allocateFor(A)).hasValue(address("10.0.0.2"));
        assertThat(holdings.usage().used()).isEqualTo(1);

        holdings.putBack(address("10.0.0.1"));

        assertThat(holdings.allocateFor(B)).hasValue(address("10.0.0.1"));
    }

    @Test
    void puttingBackAnAddressAHolderTookMeanwhileLeavesItTaken() {
        holdings.setAside(address("10.0.0.1"));
        holdings.hold(A, address("10.0.0.1"));

        holdings.putBack(address("10.0.0.1"));

        assertThat(holdings.allocateFor(B)).hasValue(address("10.0.0.2"));
        assertThat(holdings.heldBy(A)).hasValue(address("10.0.0.1"));
    }

    private static IpAddress address(String text) {
        return IpAddress.tryParse(text).orElseThrow();
    }
}

package dev.clusteripam.controller.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.controller.ledger.FamilyWideLedger;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.ledger.Ledger;
import dev.clusteripam.controller.ledger.LedgerItem;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.PreAllocations;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code --overlapping-pools=exclusive} without a cluster: given two pools that share
 * 10.0.0.2-10.0.0.3 and one family-wide ledger, when claims of both arrive, then no address is
 * handed out twice, the loser gets the next free address or nothing, and a release frees the
 * address for the other pool again.
 */
class FamilyWideLedgerTest {

    private static final PoolIdentity LEFT = PoolIdentity.of(PoolKind.IN_CLUSTER_IP_POOL, "ns", "left");
    private static final PoolIdentity RIGHT = PoolIdentity.of(PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, "", "right");
    private static final Holder A = new Holder("ns", "a");
    private static final Holder B = new Holder("ns", "b");
    private static final Holder C = new Holder("other", "c");
    private static final Holder D = new Holder("other", "d");

    private final FakeLedger onApiServer = new FakeLedger();
    /** Holders whose IPAddress exists; every other holder is an allocation or a release in flight. */
    private final Set<Holder> withIPAddress = new HashSet<>(Set.of(A, B, C, D));
    /** IPAddresses by address, as the provider's cache indexes them; each test puts in the ones made before exclusive mode. */
    private final Map<IpAddress, List<IPAddress>> ipAddressesAt = new HashMap<>();
    private final Ledger ledger = new FamilyWideLedger(onApiServer, withIPAddress::contains,
            address -> ipAddressesAt.getOrDefault(address, List.of()));
    private final CommittedPool<IpAddress> left = pool(LEFT, "10.0.0.1-10.0.0.3");
    private final CommittedPool<IpAddress> right = pool(RIGHT, "10.0.0.2-10.0.0.4");

    @Test
    void anAddressOneOverlappingPoolHandedOutIsSkippedByTheOther() {
        assertThat(addressFor(left, A)).hasValue("10.0.0.1");
        assertThat(addressFor(left, B)).hasValue("10.0.0.2");
        assertThat(addressFor(right, C)).as("10.0.0.2 is left's").hasValue("10.0.0.3");
        assertThat(addressFor(right, D)).hasValue("10.0.0.4");

        assertThat(onApiServer.holdersOf(FamilyWideLedger.scopeOf(IpFamily.IPV4)))
                .isEqualTo(Map.of("10.0.0.1", A, "10.0.0.2", B, "10.0.0.3", C, "10.0.0.4", D));
        assertThat(onApiServer.holdersOf(RIGHT)).isEqualTo(Map.of("10.0.0.3", C, "10.0.0.4", D));
    }

    @Test
    void whenTheOtherPoolHoldsEveryAddressLeftTheClaimGetsNone() {
        addressFor(right, C);
        addressFor(right, D);

        assertThat(addressFor(left, A)).hasValue("10.0.0.1");
        Allocation none = left.allocateFor(B, Optional.empty());

        assertThat(none.assignment()).isEmpty();
        assertThat(none.contended()).as("held by the other pool's claims, not in flight: exhausted").isFalse();
    }

    @Test
    void anAddressAClaimAsksForThatTheOtherPoolHandedOutIsRefusedNamingItsHolderNotExchanged() {
        assertThat(addressFor(right, C)).hasValue("10.0.0.2");

        Allocation refused = left.allocateFor(B, Optional.of("10.0.0.2"));

        assertThat(refused.assignment()).isEmpty();
        assertThat(refused.contended()).as("not in flight: woken by the release of C's IPAddress").isFalse();
        assertThat(refused.refusal()).hasValue("ipam.cluster-ipam.dev/requested-address 10.0.0.2 (InClusterIPPool/ns/left) is held"
                + " by claim other/c of another pool that shares it (--overlapping-pools=exclusive); waiting for its release");
        assertThat(onApiServer.holdersOf(LEFT)).as("nothing committed for B").isEmpty();
        assertThat(left.usage().used()).isZero();
    }

    @Test
    void anAddressTheOtherPoolIsStillServingOrReleasingIsInFlightNotExhausted() {
        addressFor(right, C);
        addressFor(right, D);
        addressFor(left, A);
        withIPAddress.remove(C);

        Allocation none = left.allocateFor(B, Optional.empty());

        assertThat(none.assignment()).isEmpty();
        assertThat(none.contended()).as("C's IPAddress is gone, its entries about to go: look again soon").isTrue();
    }

    @Test
    void aReleaseGivesBackBothEntriesSoTheOtherPoolMayHandTheAddressOut() {
        addressFor(right, C);
        assertThat(addressFor(left, A)).hasValue("10.0.0.1");

        right.release(C, Optional.empty());

        assertThat(onApiServer.holdersOf(FamilyWideLedger.scopeOf(IpFamily.IPV4))).isEqualTo(Map.of("10.0.0.1", A));
        assertThat(onApiServer.holdersOf(RIGHT)).isEmpty();
        assertThat(addressFor(left, B)).hasValue("10.0.0.2");
    }

    @Test
    void anAddressTheClaimsOwnPoolHoldsForAnotherLeavesNoFamilyEntryBehind() {
        onApiServer.heldByAnotherWriter(LEFT, LedgerItem.of(IpAddress.ipv4(0x0A000001L)), new Holder("ns", "elsewhere"));

        assertThat(addressFor(left, A)).hasValue("10.0.0.2");

        assertThat(onApiServer.holdersOf(FamilyWideLedger.scopeOf(IpFamily.IPV4))).isEqualTo(Map.of("10.0.0.2", A));
    }

    @Test
    void anAddressAnIpAddressOfTheOtherPoolHeldBeforeExclusiveModeIsSkippedThoughItHasNoFamilyEntry() {
        Holder before = new Holder("ns", "before");
        madeBeforeExclusiveMode(before, "InClusterIPPool", "left", "10.0.0.2");

        assertThat(addressFor(right, C)).as("10.0.0.2 is held by left's IPAddress").hasValue("10.0.0.3");
        assertThat(addressFor(right, D)).hasValue("10.0.0.4");
        Allocation none = right.allocateFor(new Holder("other", "e"), Optional.empty());

        assertThat(none.assignment()).isEmpty();
        assertThat(none.contended()).as("held by the other pool's IPAddress: exhausted until it goes").isFalse();
        assertThat(onApiServer.holdersOf(FamilyWideLedger.scopeOf(IpFamily.IPV4))).doesNotContainKey("10.0.0.2");
    }

    @Test
    void anIpAddressOfTheSamePoolOrOfAPrefixPoolIsNotAnotherPoolsHold() {
        madeBeforeExclusiveMode(new Holder("other", "mine"), "GlobalInClusterIPPool", "right", "10.0.0.2");
        madeBeforeExclusiveMode(new Holder("ns", "prefix"), "InClusterPrefixPool", "prefixes", "10.0.0.1");

        assertThat(addressFor(left, A)).as("a prefix pool's IPAddress holds a prefix").hasValue("10.0.0.1");
        assertThat(addressFor(right, C)).as("right's own IPAddress is right's holdings' business, not the family's")
                .hasValue("10.0.0.2");
    }

    @Test
    void prefixPoolsArePassedThrough() throws Exception {
        PoolIdentity prefixes = PoolIdentity.of(PoolKind.IN_CLUSTER_PREFIX_POOL, "ns", "prefixes");

        ledger.take(Ledger.Entry.of(prefixes, LedgerItem.of(IpPrefix.parse("fd00::/64")), A));

        assertThat(onApiServer.holdersOf(prefixes)).containsOnlyKeys("fd00::");
        assertThat(onApiServer.holdersOf(FamilyWideLedger.scopeOf(IpFamily.IPV6))).isEmpty();
    }

    private void madeBeforeExclusiveMode(Holder holder, String poolKind, String poolName, String address) {
        IPAddress made = new IPAddress();
        made.setMetadata(new ObjectMetaBuilder().withNamespace(holder.namespace()).withName(holder.name()).build());
        IPAddressSpec spec = new IPAddressSpec();
        spec.setAddress(address);
        spec.setPrefix(24);
        spec.setPoolRef(new IPPoolReference("ipam.cluster.x-k8s.io", poolKind, poolName));
        made.setSpec(spec);
        ipAddressesAt.computeIfAbsent(IpAddress.tryParse(address).orElseThrow(), key -> new ArrayList<>()).add(made);
    }

    private CommittedPool<IpAddress> pool(PoolIdentity identity, String range) {
        AddressPoolItems items = new AddressPoolItems(AddressPool.of(AddressPoolSpec.of(List.of(range), 24)), PreAllocations.none());
        return new CommittedPool<>(identity, items, new PoolHoldings<>(items, AllocationStrategy.INDEX, List::of), ledger);
    }

    private static Optional<String> addressFor(CommittedPool<IpAddress> pool, Holder holder) {
        return pool.allocateFor(holder, Optional.empty()).assignment().map(Assignment::address);
    }
}

package dev.clusteripam.controller.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.ledger.Ledger;
import dev.clusteripam.controller.ledger.LedgerItem;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.PreAllocations;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where "never twice" is decided, without a cluster: the commit loop of one pool of three addresses
 * (10.0.0.1-10.0.0.3) against a ledger that answers as other writers would have left it.
 */
class CommittedPoolTest {

    private static final PoolIdentity POOL = PoolIdentity.of(PoolKind.IN_CLUSTER_IP_POOL, "ns", "pool");
    private static final Holder A = new Holder("ns", "a");
    private static final Holder B = new Holder("ns", "b");
    private static final Holder C = new Holder("ns", "c");
    private static final Holder ELSEWHERE = new Holder("ns", "claim-of-another-replica");

    private final FakeLedger ledger = new FakeLedger();
    private final CommittedPool<IpAddress> pool = threeAddresses(ledger);

    @Test
    void eachClaimGetsTheLowestFreeAddressCommittedForItAndAskingAgainGivesTheSame() {
        assertThat(addressFor(A)).hasValue("10.0.0.1");
        assertThat(addressFor(B)).hasValue("10.0.0.2");
        assertThat(addressFor(A)).hasValue("10.0.0.1");

        assertThat(ledger.holdersOf(POOL)).isEqualTo(Map.of("10.0.0.1", A, "10.0.0.2", B));
        assertThat(pool.usage().used()).isEqualTo(2);
    }

    @Test
    void anAddressAnotherWriterHoldsIsSkippedForThisChoiceOnlyAndOfferedAgainOnceGivenBack() {
        ledger.heldByAnotherWriter(POOL, LedgerItem.of(parse("10.0.0.1")), ELSEWHERE);

        assertThat(addressFor(A)).as("held elsewhere: skipped").hasValue("10.0.0.2");
        assertThat(ledger.takes()).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(pool.usage().used()).as("A holds one address, not the skipped one too").isEqualTo(1);

        // The other writer's claim goes; its entry is given back. The address set aside is not lost.
        ledger.giveBack(Ledger.Entry.of(POOL, LedgerItem.of(parse("10.0.0.1")), ELSEWHERE));
        assertThat(addressFor(B)).hasValue("10.0.0.1");
        assertThat(ledger.holdersOf(POOL)).isEqualTo(Map.of("10.0.0.1", B, "10.0.0.2", A));
    }

    @Test
    void aRequestedAddressIsCommittedOrRefusedNamingItsHolderButNeverReplacedByAnother() {
        Allocation served = pool.allocateFor(A, Optional.of("10.0.0.2"));
        assertThat(served.assignment().map(Assignment::address)).hasValue("10.0.0.2");

        Allocation refused = pool.allocateFor(B, Optional.of("10.0.0.2"));
        assertThat(refused.assignment()).isEmpty();
        assertThat(refused.contended()).isFalse();
        assertThat(refused.refusal()).hasValue("ipam.cluster-ipam.dev/requested-address 10.0.0.2 (InClusterIPPool/ns/pool) is held by"
                + " claim ns/a; waiting for its release");
        assertThat(pool.allocateFor(C, Optional.of("10.0.0.9")).refusal())
                .hasValue("ipam.cluster-ipam.dev/requested-address \"10.0.0.9\" is outside the pool (InClusterIPPool/ns/pool)");
        assertThat(pool.allocateFor(C, Optional.of("ten")).refusal())
                .hasValue("ipam.cluster-ipam.dev/requested-address \"ten\" is not an IP address (InClusterIPPool/ns/pool)");
        assertThat(ledger.holdersOf(POOL)).isEqualTo(Map.of("10.0.0.2", A));

        pool.release(A, Optional.empty());
        assertThat(pool.allocateFor(B, Optional.of("10.0.0.2")).assignment().map(Assignment::address)).hasValue("10.0.0.2");
    }

    @Test
    void aRequestedAddressAnotherWriterCommittedIsRefusedAndLookedAtAgainNotExchanged() {
        ledger.heldByAnotherWriter(POOL, LedgerItem.of(parse("10.0.0.2")), ELSEWHERE);

        Allocation refused = pool.allocateFor(A, Optional.of("10.0.0.2"));

        assertThat(refused.assignment()).isEmpty();
        assertThat(refused.contended()).as("in flight: looked at again shortly").isTrue();
        assertThat(refused.refusal()).hasValue("ipam.cluster-ipam.dev/requested-address 10.0.0.2 (InClusterIPPool/ns/pool) is held by"
                + " claim ns/claim-of-another-replica (being committed or released); looking again shortly");
        assertThat(ledger.takes()).containsExactly("10.0.0.2");
        assertThat(pool.usage().used()).as("nothing held for A").isZero();
        assertThat(addressFor(B)).as("the refused address is not lost for later").hasValue("10.0.0.1");
    }

    @Test
    void whenOnlyAddressesOtherWritersHoldAreLeftTheClaimWaitsForThemRatherThanForRoom() {
        ledger.heldByAnotherWriter(POOL, LedgerItem.of(parse("10.0.0.1")), ELSEWHERE);
        ledger.heldByAnotherWriter(POOL, LedgerItem.of(parse("10.0.0.2")), ELSEWHERE);
        assertThat(addressFor(A)).hasValue("10.0.0.3");

        Allocation none = pool.allocateFor(B, Optional.empty());

        assertThat(none.assignment()).isEmpty();
        assertThat(none.contended()).as("in flight elsewhere: look again soon").isTrue();
        assertThat(pool.usage().used()).isEqualTo(1);
    }

    @Test
    void aFullPoolIsExhaustedNotContended() {
        addressFor(A);
        addressFor(B);
        addressFor(C);

        Allocation none = pool.allocateFor(new Holder("ns", "d"), Optional.empty());

        assertThat(none.assignment()).isEmpty();
        assertThat(none.contended()).isFalse();
    }

    @Test
    void aRefusedCommitLeavesNothingSetAsideAndReleaseGivesBackWhatWasPicked() {
        ledger.heldByAnotherWriter(POOL, LedgerItem.of(parse("10.0.0.1")), ELSEWHERE);
        IllegalStateException conflict = new IllegalStateException("409 after the last retry");
        ledger.refuseWritesAfter(1, conflict);

        assertThatThrownBy(() -> pool.allocateFor(A, Optional.empty())).isSameAs(conflict);
        assertThat(ledger.takes()).as("10.0.0.1 set aside, then the commit of 10.0.0.2 refused").containsExactly("10.0.0.1", "10.0.0.2");
        ledger.acceptWrites();
        pool.release(A, Optional.empty());
        ledger.giveBack(Ledger.Entry.of(POOL, LedgerItem.of(parse("10.0.0.1")), ELSEWHERE));

        assertThat(addressFor(B)).as("10.0.0.1 was put back after the failed choice").hasValue("10.0.0.1");
        assertThat(addressFor(C)).as("10.0.0.2, picked for A but never committed, was released").hasValue("10.0.0.2");
        assertThat(ledger.holdersOf(POOL)).isEqualTo(Map.of("10.0.0.1", B, "10.0.0.2", C));
    }

    @Test
    void releaseGivesBackTheEntryThenFreesTheAddress() {
        addressFor(A);
        addressFor(B);

        pool.release(A, Optional.empty());

        assertThat(ledger.holdersOf(POOL)).isEqualTo(Map.of("10.0.0.2", B));
        assertThat(addressFor(C)).hasValue("10.0.0.1");
    }

    @Test
    void anAdoptedIpAddressIsHeldAndReleasedWithTheItemItCarries() {
        pool.adopt(ipAddress("a", "10.0.0.1"));
        assertThat(addressFor(B)).hasValue("10.0.0.2");
        ledger.heldByAnotherWriter(POOL, LedgerItem.of(parse("10.0.0.1")), A);

        pool.release(A, Optional.of(LedgerItem.of(parse("10.0.0.1"))));

        assertThat(ledger.holdersOf(POOL)).isEqualTo(Map.of("10.0.0.2", B));
        assertThat(addressFor(C)).hasValue("10.0.0.1");
    }

    @Test
    void afterACrashBetweenCommitAndCreateTheClaimFindsItsOwnEntryAgain() {
        ledger.heldByAnotherWriter(POOL, LedgerItem.of(parse("10.0.0.3")), A);
        CommittedPool<IpAddress> restarted = threeAddresses(ledger);
        ledger.entriesOf(POOL).forEach(restarted::resume);

        assertThat(restarted.allocateFor(A, Optional.empty()).assignment().map(Assignment::address)).hasValue("10.0.0.3");
        assertThat(restarted.allocateFor(B, Optional.empty()).assignment().map(Assignment::address)).hasValue("10.0.0.1");
        assertThat(ledger.holdersOf(POOL)).as("one entry per holder").isEqualTo(Map.of("10.0.0.3", A, "10.0.0.1", B));
    }

    @Test
    void anEntryWhoseItemAnIpAddressHoldsOrWhoseHolderHasOneIsLeftToTheSweep() {
        CommittedPool<IpAddress> restarted = threeAddresses(ledger);
        restarted.adopt(ipAddress("a", "10.0.0.1"));
        ledger.heldByAnotherWriter(POOL, LedgerItem.of(parse("10.0.0.1")), B);
        ledger.heldByAnotherWriter(POOL, LedgerItem.of(parse("10.0.0.2")), A);
        ledger.entriesOf(POOL).forEach(restarted::resume);

        assertThat(restarted.usage().used()).as("only A's IPAddress holds anything").isEqualTo(1);

        restarted.forgetEntry(Ledger.Entry.of(POOL, LedgerItem.of(parse("10.0.0.2")), A));
        assertThat(restarted.usage().used()).as("A's IPAddress is not forgotten with its stale entry").isEqualTo(1);
    }

    private Optional<String> addressFor(Holder holder) {
        return pool.allocateFor(holder, Optional.empty()).assignment().map(Assignment::address);
    }

    private static CommittedPool<IpAddress> threeAddresses(FakeLedger ledger) {
        AddressPoolItems items = new AddressPoolItems(AddressPool.of(AddressPoolSpec.of(List.of("10.0.0.1-10.0.0.3"), 24)), PreAllocations.none());
        return new CommittedPool<>(POOL, items, new PoolHoldings<>(items, AllocationStrategy.INDEX, List::of), ledger);
    }

    private static IpAddress parse(String address) {
        return IpAddress.tryParse(address).orElseThrow();
    }

    private static IPAddress ipAddress(String name, String address) {
        IPAddress ipAddress = new IPAddress();
        ipAddress.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).build());
        IPAddressSpec spec = new IPAddressSpec();
        spec.setAddress(address);
        spec.setPrefix(24);
        spec.setPoolRef(new IPPoolReference("ipam.cluster.x-k8s.io", "InClusterIPPool", "pool"));
        ipAddress.setSpec(spec);
        return ipAddress;
    }
}

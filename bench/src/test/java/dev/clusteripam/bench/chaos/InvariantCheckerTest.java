package dev.clusteripam.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.bench.chaos.ClusterState.Address;
import dev.clusteripam.bench.chaos.ClusterState.Claim;
import dev.clusteripam.bench.chaos.ClusterState.LedgerEntry;
import dev.clusteripam.bench.chaos.ClusterState.Pool;
import dev.clusteripam.bench.chaos.ClusterState.PoolRef;
import dev.clusteripam.bench.chaos.Violation.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each kind of violation, made by hand in memory on top of a state where everything holds. */
class InvariantCheckerTest {

    private static final String NS = "chaos";
    private static final PoolRef POOL = new PoolRef("InClusterIPPool", NS, "pool");
    private static final PoolRef OTHER_POOL = new PoolRef("InClusterIPPool", NS, "other");

    private final List<Pool> pools = new ArrayList<>(List.of(
            new Pool(POOL, Optional.of((address, prefix) -> address.startsWith("10.0.0.") && !address.equals("10.0.0.1") && prefix == 24)),
            new Pool(OTHER_POOL, Optional.of((address, prefix) -> address.startsWith("10.0.") && prefix == 24))));
    private final List<Claim> claims = new ArrayList<>();
    private final List<Address> addresses = new ArrayList<>();
    private final List<LedgerEntry> ledger = new ArrayList<>();

    /** A Ready claim with its IPAddress and ledger entry, as the provider leaves them. */
    private void served(String name, String address) {
        claims.add(new Claim(NS, name, POOL, false, true, Optional.of(name)));
        addresses.add(new Address(NS, name, address, 24, POOL, name, false));
        ledger.add(new LedgerEntry(POOL, address, NS + "/" + name, false));
    }

    private List<Violation> check() {
        return InvariantChecker.check(new ClusterState(pools, claims, addresses, ledger, List.of()));
    }

    private List<Kind> kinds() {
        return check().stream().map(Violation::kind).toList();
    }

    @Test
    void servedClaimsBreakNothing() {
        served("a", "10.0.0.2");
        served("b", "10.0.0.3");
        claims.add(new Claim(NS, "waiting", POOL, false, false, Optional.empty()));

        assertThat(check()).isEmpty();
    }

    @Test
    void anAddressHandedOutTwiceByOnePoolIsADuplicate() {
        served("a", "10.0.0.2");
        served("b", "10.0.0.2");

        assertThat(check()).filteredOn(v -> v.kind() == Kind.DUPLICATE).singleElement()
                .satisfies(v -> assertThat(v.detail()).contains("chaos/a", "chaos/b"));
    }

    @Test
    void theSameAddressInTwoPoolsThatBothHoldItIsReportedButDoesNotFail() {
        served("a", "10.0.0.2");
        claims.add(new Claim(NS, "b", OTHER_POOL, false, true, Optional.of("b")));
        addresses.add(new Address(NS, "b", "10.0.0.2", 24, OTHER_POOL, "b", false));
        ledger.add(new LedgerEntry(OTHER_POOL, "10.0.0.2", NS + "/b", false));

        assertThat(check()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Kind.SHARED_BY_OVERLAPPING_POOLS);
            assertThat(v.kind().fails()).isFalse();
        });
    }

    @Test
    void anAddressItsPoolMayNotHandOutIsOutsideIt() {
        served("outside", "192.168.0.2");
        served("gateway", "10.0.0.1");
        served("wrong-prefix", "10.0.0.4");
        addresses.set(2, new Address(NS, "wrong-prefix", "10.0.0.4", 16, POOL, "wrong-prefix", false));

        assertThat(check()).extracting(Violation::kind).containsExactly(Kind.OUTSIDE_POOL, Kind.OUTSIDE_POOL, Kind.OUTSIDE_POOL);
    }

    @Test
    void anAddressOfAMissingOrInvalidPoolIsOutsideIt() {
        served("a", "10.0.0.2");
        pools.set(0, new Pool(POOL, Optional.empty()));

        assertThat(check()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Kind.OUTSIDE_POOL);
            assertThat(v.detail()).contains("invalid or unreadable");
        });
        pools.remove(0);
        assertThat(check()).singleElement().satisfies(v -> assertThat(v.detail()).contains("does not exist"));
    }

    @Test
    void anAddressWhoseClaimIsGoneIsAnOrphan() {
        served("a", "10.0.0.2");
        claims.clear();

        assertThat(kinds()).containsExactly(Kind.ORPHAN_ADDRESS);
    }

    @Test
    void aReadyClaimNeedsExactlyOneAddressNamedInItsAddressRef() {
        claims.add(new Claim(NS, "no-ref", POOL, false, true, Optional.empty()));
        served("two", "10.0.0.3");
        addresses.add(new Address(NS, "two-bis", "10.0.0.4", 24, POOL, "two", false));
        ledger.add(new LedgerEntry(POOL, "10.0.0.4", NS + "/two-bis", false));
        served("wrong-ref", "10.0.0.5");
        claims.set(claims.size() - 1, new Claim(NS, "wrong-ref", POOL, false, true, Optional.of("someone-else")));
        served("wrong-pool", "10.0.0.6");
        claims.set(claims.size() - 1, new Claim(NS, "wrong-pool", OTHER_POOL, false, true, Optional.of("wrong-pool")));

        assertThat(check()).extracting(Violation::subject).containsExactly("claim chaos/no-ref", "claim chaos/two",
                "claim chaos/wrong-ref", "claim chaos/wrong-pool");
        assertThat(kinds()).containsOnly(Kind.READY_WITHOUT_ONE_ADDRESS);
    }

    @Test
    void aClaimBeingDeletedOrNotReadyNeedsNoAddress() {
        claims.add(new Claim(NS, "deleting", POOL, true, true, Optional.empty()));
        claims.add(new Claim(NS, "waiting", POOL, false, false, Optional.empty()));

        assertThat(check()).isEmpty();
    }

    @Test
    void anAddressWithoutItsLedgerEntryOrWithAnotherEntryDisagrees() {
        served("a", "10.0.0.2");
        served("b", "10.0.0.3");
        ledger.remove(0);
        ledger.set(0, new LedgerEntry(POOL, "10.0.0.9", NS + "/b", false));

        assertThat(check()).extracting(Violation::kind).containsExactly(Kind.LEDGER_DISAGREES, Kind.LEDGER_DISAGREES, Kind.LEDGER_DISAGREES);
    }

    @Test
    void aLedgerEntryWhoseHolderHasNoAddressIsALeakReportedApart() {
        served("a", "10.0.0.2");
        ledger.add(new LedgerEntry(POOL, "10.0.0.7", NS + "/crashed", false));

        assertThat(check()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Kind.LEDGER_EXTRA);
            assertThat(v.kind().fails()).isTrue();
            assertThat(v.subject()).isEqualTo("ledger entry InClusterIPPool/chaos/pool 10.0.0.7");
        });
    }

    @Test
    void aSecondEntryOfAClaimWhoseIPAddressHasItsOwnEntryIsALeakToo() {
        served("a", "10.0.0.5");
        ledger.add(new LedgerEntry(POOL, "10.0.0.3", NS + "/a", false));

        assertThat(check()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Kind.LEDGER_EXTRA);
            assertThat(v.detail()).startsWith("a second entry of chaos/a");
        });
    }

    @Test
    void ledgerItemsAreComparedInCanonicalForm() {
        served("v6", "fd00::2");
        addresses.set(0, new Address(NS, "v6", "fd00:0::2", 24, POOL, "v6", false));
        pools.set(0, new Pool(POOL, Optional.of((address, prefix) -> true)));

        assertThat(check()).isEmpty();
    }

    @Test
    void handMadeObjectsAreLeftOut() {
        addresses.add(new Address(NS, "poison", "10.0.0.2", 2_147_483_648L, POOL, "nobody", true));
        ledger.add(new LedgerEntry(POOL, "not-an-address", "no-slash", true));

        assertThat(check()).isEmpty();
    }
}

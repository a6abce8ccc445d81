package dev.clusteripam.bench.chaos;

import dev.clusteripam.bench.chaos.ClusterState.Address;
import dev.clusteripam.bench.chaos.ClusterState.Claim;
import dev.clusteripam.bench.chaos.ClusterState.LedgerEntry;
import dev.clusteripam.bench.chaos.ClusterState.Pool;
import dev.clusteripam.bench.chaos.ClusterState.PoolRef;
import dev.clusteripam.bench.chaos.Violation.Kind;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The promises that hold whatever happened to the provider, checked on what the API server holds:
 * no address twice in a pool, none its pool may not hand out, no IPAddress without its claim, every
 * Ready claim with exactly one IPAddress named in its {@code addressRef}, and the allocation ledger
 * agreeing with the IPAddresses. Objects the suite made by hand as poison are left out.
 */
final class InvariantChecker {

    private InvariantChecker() {
    }

    static List<Violation> check(ClusterState state) {
        List<Address> addresses = state.addresses().stream().filter(address -> !address.handMade()).toList();
        List<Violation> found = new ArrayList<>();
        found.addAll(duplicates(addresses));
        found.addAll(outsideTheirPool(addresses, state.pools()));
        found.addAll(orphans(addresses, state.claims()));
        found.addAll(readyClaimsWithoutOneAddress(state.claims(), addresses));
        found.addAll(ledgerDisagreements(addresses, state.ledger().stream().filter(entry -> !entry.handMade()).toList()));
        return found;
    }

    private static List<Violation> duplicates(List<Address> addresses) {
        List<Violation> found = new ArrayList<>();
        Map<String, Address> byPoolAndItem = new HashMap<>();
        Map<String, Set<PoolRef>> poolsByItem = new TreeMap<>();
        for (Address address : addresses) {
            String item = canonical(address.address()) + "/" + address.prefix();
            Address other = byPoolAndItem.putIfAbsent(address.pool() + " " + item, address);
            if (other != null) {
                found.add(new Violation(Kind.DUPLICATE, address.pool() + " " + item,
                        "held by IPAddresses " + name(other) + " and " + name(address)));
            }
            poolsByItem.computeIfAbsent(item, key -> new HashSet<>()).add(address.pool());
        }
        poolsByItem.forEach((item, pools) -> {
            if (pools.size() > 1) {
                found.add(new Violation(Kind.SHARED_BY_OVERLAPPING_POOLS, item,
                        "held in pools " + pools.stream().map(PoolRef::toString).sorted().collect(Collectors.joining(", "))));
            }
        });
        return found;
    }

    private static List<Violation> outsideTheirPool(List<Address> addresses, List<Pool> pools) {
        Map<PoolRef, Pool> byRef = pools.stream().collect(Collectors.toMap(Pool::ref, Function.identity(), (a, b) -> a));
        List<Violation> found = new ArrayList<>();
        for (Address address : addresses) {
            Pool pool = byRef.get(address.pool());
            if (pool == null) {
                found.add(new Violation(Kind.OUTSIDE_POOL, "IPAddress " + name(address), "names pool " + address.pool() + ", which does not exist"));
            } else if (pool.allocatable().isEmpty()) {
                found.add(new Violation(Kind.OUTSIDE_POOL, "IPAddress " + name(address),
                        "names pool " + address.pool() + ", which is invalid or unreadable and may hand out nothing"));
            } else if (!pool.allocatable().get().test(address.address(), address.prefix())) {
                found.add(new Violation(Kind.OUTSIDE_POOL, "IPAddress " + name(address), address.address() + "/" + address.prefix()
                        + " is not one " + address.pool() + " may hand out (outside, gateway, excluded or reserved)"));
            }
        }
        return found;
    }

    private static List<Violation> orphans(List<Address> addresses, List<Claim> claims) {
        Set<String> claimNames = claims.stream().map(claim -> claim.namespace() + "/" + claim.name()).collect(Collectors.toSet());
        return addresses.stream()
                .filter(address -> !claimNames.contains(address.namespace() + "/" + address.claimName()))
                .map(address -> new Violation(Kind.ORPHAN_ADDRESS, "IPAddress " + name(address),
                        address.address() + " names claim " + address.claimName() + ", which does not exist"))
                .toList();
    }

    private static List<Violation> readyClaimsWithoutOneAddress(List<Claim> claims, List<Address> addresses) {
        Map<String, List<Address>> byClaim = addresses.stream()
                .collect(Collectors.groupingBy(address -> address.namespace() + "/" + address.claimName()));
        List<Violation> found = new ArrayList<>();
        for (Claim claim : claims) {
            if (!claim.ready() || claim.deleting()) {
                continue;
            }
            String key = claim.namespace() + "/" + claim.name();
            List<Address> own = byClaim.getOrDefault(key, List.of());
            String subject = "claim " + key;
            if (claim.addressRef().isEmpty()) {
                found.add(new Violation(Kind.READY_WITHOUT_ONE_ADDRESS, subject, "Ready without status.addressRef"));
            } else if (own.size() != 1) {
                found.add(new Violation(Kind.READY_WITHOUT_ONE_ADDRESS, subject, "Ready with " + own.size() + " IPAddresses naming it: "
                        + own.stream().map(InvariantChecker::name).sorted().toList()));
            } else if (!own.get(0).name().equals(claim.addressRef().get())) {
                found.add(new Violation(Kind.READY_WITHOUT_ONE_ADDRESS, subject, "status.addressRef names " + claim.addressRef().get()
                        + " but its IPAddress is " + own.get(0).name()));
            } else if (!own.get(0).pool().equals(claim.pool())) {
                found.add(new Violation(Kind.READY_WITHOUT_ONE_ADDRESS, subject, "asked " + claim.pool() + " but got an address of "
                        + own.get(0).pool()));
            }
        }
        return found;
    }

    /**
     * Every IPAddress has its entry (its pool, its address, held by it); every entry's holder has an
     * IPAddress with that address. An entry beyond that, whose holder has no IPAddress or holds its
     * IPAddress's own entry as well, is reported as {@link Kind#LEDGER_EXTRA}: the address stays taken
     * until the sweep frees it.
     */
    private static List<Violation> ledgerDisagreements(List<Address> addresses, List<LedgerEntry> ledger) {
        Map<String, Address> byHolder = addresses.stream()
                .collect(Collectors.toMap(address -> address.namespace() + "/" + address.name(), Function.identity(), (a, b) -> a));
        List<Violation> found = new ArrayList<>();
        Set<String> entered = new TreeSet<>();
        List<LedgerEntry> notTheirs = new ArrayList<>();
        for (LedgerEntry entry : ledger) {
            Address address = byHolder.get(entry.holder());
            if (address == null) {
                found.add(new Violation(Kind.LEDGER_EXTRA, subject(entry), "held by " + entry.holder() + ", which has no IPAddress"));
            } else if (!address.pool().equals(entry.pool()) || !canonical(address.address()).equals(entry.item())) {
                notTheirs.add(entry);
            } else if (!entered.add(entry.holder())) {
                found.add(new Violation(Kind.LEDGER_DISAGREES, subject(entry), entry.holder() + " holds this entry twice"));
            }
        }
        for (LedgerEntry entry : notTheirs) {
            Address address = byHolder.get(entry.holder());
            String has = entry.holder() + ", whose IPAddress has " + address.address() + " of " + address.pool();
            found.add(entered.contains(entry.holder())
                    ? new Violation(Kind.LEDGER_EXTRA, subject(entry), "a second entry of " + has + " and its entry")
                    : new Violation(Kind.LEDGER_DISAGREES, subject(entry), "held by " + has));
        }
        addresses.stream().filter(address -> !entered.contains(address.namespace() + "/" + address.name()))
                .forEach(address -> found.add(new Violation(Kind.LEDGER_DISAGREES, "IPAddress " + name(address),
                        address.address() + " of " + address.pool() + " has no ledger entry")));
        return found;
    }

    private static String subject(LedgerEntry entry) {
        return "ledger entry " + entry.pool() + " " + entry.item();
    }

    private static String name(Address address) {
        return address.namespace() + "/" + address.name();
    }

    /** The address as the ledger writes it; the text itself when it is no address. */
    static String canonical(String text) {
        try {
            return IpAddress.parse(text).toString();
        } catch (IpFormatException e) {
            return text;
        }
    }
}

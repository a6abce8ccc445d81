package dev.clusteripam.bench.e2e;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.api.ledger.IPAllocationBlock;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolValidator;
import dev.clusteripam.core.pool.PrefixPool;
import dev.clusteripam.core.pool.PrefixPoolValidator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What must hold after every workload, read from the API server (not from the provider): no
 * address twice in a pool, every address one its pool may hand out (inside it, not the gateway,
 * not excluded, not reserved), every live claim answered by exactly one IPAddress named after it,
 * no IPAddress without its claim (a leak), and the allocation ledger agreeing with the IPAddresses
 * (an entry without its IPAddress would be an address lost until the sweep; ours only, upstream
 * keeps none).
 */
final class CorrectnessCheck {

    /** The provider may still be finishing releases when a workload's last claim is Ready. */
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final String namespace;
    private final boolean ledger;
    /** IPAddresses written before the provider ran (upstream's state), which our ledger does not backfill (docs/design.md, point 4). */
    private final Set<String> adopted = new HashSet<>();

    CorrectnessCheck(KubernetesClient client, String namespace, boolean ledger) {
        this.client = client;
        this.namespace = namespace;
        this.ledger = ledger;
    }

    /**
     * IPAddresses of {@code names} may lack a ledger entry: they were made without our provider
     * (upstream's state), and it protects them by its IPAddress cache rather than by the ledger. An
     * entry they have must still agree with them.
     */
    void adoptedWithoutLedgerEntries(Collection<String> names) {
        adopted.addAll(names);
    }

    /** How many of {@code names} hold a ledger entry of the namespace's pools. */
    long ledgerEntriesHeldBy(Collection<String> names) {
        Set<String> wanted = new HashSet<>(names);
        return client.resources(IPAllocationBlock.class).list().getItems().stream()
                .filter(block -> namespace.equals(block.getSpec().getPoolNamespace()))
                .flatMap(block -> block.getSpec().getHolders().values().stream())
                .filter(holder -> wanted.contains(holder.substring(holder.indexOf('/') + 1))).count();
    }

    /** The violations still there after the settle time; empty when all is well. */
    List<String> violations() throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            List<String> found = check();
            if (found.isEmpty() || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(2_000);
        }
    }

    private List<String> check() {
        List<String> violations = new ArrayList<>();
        Map<String, Predicate<IPAddress>> allocatable = new HashMap<>();
        for (InClusterIPPool pool : client.resources(InClusterIPPool.class).inNamespace(namespace).list().getItems()) {
            AddressPool model = AddressPoolValidator.validate(pool.getSpec().toAddressPoolSpec()).model().orElseThrow();
            allocatable.put(poolKey(BenchPools.IP_POOL, pool.getMetadata().getName()),
                    address -> parse(address.getSpec().getAddress()).filter(model::isAllocatable).isPresent());
        }
        for (InClusterPrefixPool pool : client.resources(InClusterPrefixPool.class).inNamespace(namespace).list().getItems()) {
            PrefixPool model = PrefixPoolValidator.validate(pool.getSpec().toPrefixPoolSpec()).model().orElseThrow();
            allocatable.put(poolKey(BenchPools.PREFIX_POOL, pool.getMetadata().getName()),
                    address -> parse(address.getSpec().getAddress())
                            .map(base -> new IpPrefix(base, address.getSpec().getPrefix())).filter(model::isAllocatable).isPresent());
        }

        Map<String, IPAddressClaim> claims = new HashMap<>();
        client.resources(IPAddressClaim.class).inNamespace(namespace).list().getItems()
                .forEach(claim -> claims.put(claim.getMetadata().getName(), claim));
        Map<String, IPAddress> addresses = new HashMap<>();
        client.resources(IPAddress.class).inNamespace(namespace).list().getItems()
                .forEach(address -> addresses.put(address.getMetadata().getName(), address));

        Map<String, String> holderByPoolItem = new HashMap<>();
        for (IPAddress address : addresses.values()) {
            String name = address.getMetadata().getName();
            String pool = poolKey(address.getSpec().getPoolRef().getKind(), address.getSpec().getPoolRef().getName());
            String item = pool + " " + address.getSpec().getAddress() + "/" + address.getSpec().getPrefix();
            String other = holderByPoolItem.putIfAbsent(item, name);
            if (other != null) {
                violations.add("duplicate: " + item + " is held by IPAddresses " + other + " and " + name);
            }
            Predicate<IPAddress> inPool = allocatable.get(pool);
            if (inPool == null) {
                violations.add("IPAddress " + name + " names " + pool + ", which does not exist");
            } else if (!inPool.test(address)) {
                violations.add("outside its pool: IPAddress " + name + " has " + address.getSpec().getAddress()
                        + ", which " + pool + " may not hand out (outside, gateway, excluded or reserved)");
            }
            IPAddressClaim claim = claims.get(name);
            if (claim == null) {
                violations.add("leak: IPAddress " + name + " (" + address.getSpec().getAddress() + ") has no claim");
            } else if (!address.getSpec().getClaimRef().getName().equals(name)) {
                violations.add("IPAddress " + name + " names claim " + address.getSpec().getClaimRef().getName());
            }
        }
        for (IPAddressClaim claim : claims.values()) {
            String name = claim.getMetadata().getName();
            if (claim.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            IPAddress address = addresses.get(name);
            if (address == null) {
                violations.add("unanswered: claim " + name + " has no IPAddress");
            } else if (claim.getStatus() == null || claim.getStatus().getAddressRef() == null
                    || !name.equals(claim.getStatus().getAddressRef().getName())) {
                violations.add("claim " + name + " does not refer to its IPAddress in status.addressRef");
            } else if (!claim.getSpec().getPoolRef().getName().equals(address.getSpec().getPoolRef().getName())) {
                violations.add("claim " + name + " asked pool " + claim.getSpec().getPoolRef().getName() + " but got an address of "
                        + address.getSpec().getPoolRef().getName());
            }
        }
        if (ledger) {
            violations.addAll(ledgerDisagreements(addresses));
        }
        return violations;
    }

    /** Every ledger entry of the namespace's pools held by the IPAddress of that item, and every IPAddress entered. */
    private List<String> ledgerDisagreements(Map<String, IPAddress> addresses) {
        List<String> violations = new ArrayList<>();
        Set<String> entered = new HashSet<>();
        for (IPAllocationBlock block : client.resources(IPAllocationBlock.class).list().getItems()) {
            if (!namespace.equals(block.getSpec().getPoolNamespace())) {
                continue;
            }
            String pool = poolKey(block.getSpec().getPoolKind(), block.getSpec().getPoolName());
            block.getSpec().getHolders().forEach((item, holder) -> {
                String name = holder.substring(holder.indexOf('/') + 1);
                IPAddress address = addresses.get(name);
                if (address == null || !item.equals(address.getSpec().getAddress())) {
                    violations.add("lost: ledger entry " + pool + " " + item + " is held by " + holder + ", which has "
                            + (address == null ? "no IPAddress" : "IPAddress " + address.getSpec().getAddress()));
                } else {
                    entered.add(name);
                }
            });
        }
        addresses.keySet().stream().filter(name -> !entered.contains(name) && !adopted.contains(name))
                .forEach(name -> violations.add("IPAddress " + name + " has no ledger entry"));
        return violations;
    }

    private static String poolKey(String kind, String name) {
        return kind + "/" + name;
    }

    private static Optional<IpAddress> parse(String text) {
        try {
            return Optional.of(IpAddress.parse(text));
        } catch (IpFormatException e) {
            return Optional.empty();
        }
    }
}

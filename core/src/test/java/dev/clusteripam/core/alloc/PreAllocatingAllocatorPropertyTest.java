package dev.clusteripam.core.alloc;

import static dev.clusteripam.core.check.Generators.ints;
import static dev.clusteripam.core.check.Generators.lists;
import static dev.clusteripam.core.check.Generators.of;
import static dev.clusteripam.core.check.Generators.optional;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.alloc.PreAllocatingAllocator.Choice;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.Full;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.InUse;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.KeptForAnother;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.Taken;
import dev.clusteripam.core.alloc.PreAllocatingAllocator.Unfit;
import dev.clusteripam.core.check.PropertyCheck;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.RequestedItem;
import io.kotest.property.Arb;
import io.kotest.property.arbitrary.BindKt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Random pools with random pre-allocations, and claims that come (asking for an address or not)
 * and go, driven through the allocator and through a naive model that scans every address: the
 * choices must be identical, no address is ever held twice, and a kept address is only ever held by
 * the claim it is kept for.
 */
class PreAllocatingAllocatorPropertyTest {

    /** Addresses 10.0.0.0 .. 10.0.0.39: a /27 pool and a few addresses past it. */
    private static final int SPAN = 40;
    private static final int CLAIMS = 8;

    record Operation(boolean arrive, int claim, Optional<Integer> requested) {
    }

    record Scenario(List<String> excluded, Optional<Integer> gateway, Map<String, String> written, List<Operation> operations) {
    }

    @Test
    void claimsGetWhatTheNaiveModelGivesThemAndNeverAKeptAddressOfAnother() {
        PropertyCheck.forAll(1000, scenarios(), PreAllocatingAllocatorPropertyTest::run);
    }

    private static void run(Scenario scenario) {
        AddressPoolSpec spec = new AddressPoolSpec(List.of("10.0.0.0/27"), 27, scenario.gateway().map(o -> address(o).toString()),
                scenario.excluded(), false, OptionalLong.empty(), List.of());
        AddressPool pool = AddressPool.of(spec);
        // Only entries admission lets in: each an address the pool hands out, kept for one claim.
        Map<String, String> admissible = new HashMap<>();
        scenario.written().forEach((claim, text) -> {
            if (RequestedItem.of(text, pool).item().isPresent() && !admissible.containsValue(text)) {
                admissible.put(claim, text);
            }
        });
        PreAllocations<IpAddress> kept = PreAllocations.validate(admissible, pool).orElseThrow();
        PreAllocatingAllocator<IpAddress> allocator = new PreAllocatingAllocator<>(new AddressPoolAllocator(pool), kept);
        Map<String, IpAddress> held = new HashMap<>();
        for (Operation operation : scenario.operations()) {
            String claim = "c" + operation.claim();
            if (!operation.arrive()) {
                IpAddress item = held.remove(claim);
                if (item != null) {
                    assertThat(allocator.release(item)).isTrue();
                }
                continue;
            }
            if (held.containsKey(claim)) {
                continue;
            }
            Optional<RequestedItem<IpAddress>> requested = operation.requested().map(o -> RequestedItem.of(address(o).toString(), pool));
            Choice<IpAddress> expected = naiveChoice(pool, kept, held, claim, requested);
            Choice<IpAddress> actual = allocator.allocateFor(claim, requested);
            assertThat(actual).as("%s asks for %s, holding %s", claim, requested, held).isEqualTo(expected);
            if (actual instanceof Taken<IpAddress> taken) {
                assertThat(held).as("never twice").doesNotContainValue(taken.item());
                assertThat(kept.claimFor(taken.item()).orElse(claim)).as("a kept address only to its claim").isEqualTo(claim);
                held.put(claim, taken.item());
            }
            long keptUnheld = kept.byClaim().values().stream().filter(item -> !held.containsValue(item)).count();
            assertThat(allocator.usage().used()).isEqualTo(held.size() + keptUnheld);
        }
    }

    /** What the class comment of {@link PreAllocatingAllocator} promises, by scanning every address. */
    private static Choice<IpAddress> naiveChoice(AddressPool pool, PreAllocations<IpAddress> kept, Map<String, IpAddress> held,
            String claim, Optional<RequestedItem<IpAddress>> requested) {
        Optional<IpAddress> keptForClaim = kept.itemFor(claim);
        if (keptForClaim.isPresent()) {
            return held.containsValue(keptForClaim.get()) ? new InUse<>(keptForClaim.get(), true) : new Taken<>(keptForClaim.get(), true);
        }
        if (requested.isPresent()) {
            if (requested.get().item().isEmpty()) {
                return new Unfit<>(requested.get());
            }
            IpAddress item = requested.get().item().get();
            if (kept.claimFor(item).isPresent()) {
                return new KeptForAnother<>(item, kept.claimFor(item).get());
            }
            return held.containsValue(item) ? new InUse<>(item, false) : new Taken<>(item, false);
        }
        for (int offset = 0; offset < SPAN; offset++) {
            IpAddress candidate = address(offset);
            if (pool.isAllocatable(candidate) && !held.containsValue(candidate) && kept.claimFor(candidate).isEmpty()) {
                return new Taken<>(candidate, false);
            }
        }
        return new Full<>();
    }

    private static Arb<Scenario> scenarios() {
        Arb<Integer> offsets = ints(0, SPAN - 1);
        Arb<Integer> claims = ints(0, CLAIMS - 1);
        Arb<List<String>> excluded = lists(BindKt.bind(Arb.Companion, offsets, ints(0, 3),
                (first, length) -> address(first) + "-" + address(Math.min(SPAN - 1, first + length))), 0, 3);
        Arb<Map<String, String>> written = io.kotest.property.arbitrary.MapKt.map(lists(BindKt.bind(Arb.Companion, claims, offsets,
                (c, o) -> Map.entry("c" + c, address(o).toString())), 0, 4), entries -> {
                    Map<String, String> map = new HashMap<>();
                    entries.forEach(e -> map.putIfAbsent(e.getKey(), e.getValue()));
                    return map;
                });
        Arb<Operation> operation = BindKt.bind(Arb.Companion, of(true, true, true, false), claims, optional(offsets, 0.5), Operation::new);
        return BindKt.bind(Arb.Companion, excluded, optional(offsets, 0.5), written, lists(operation, 0, 60), Scenario::new);
    }

    private static IpAddress address(int offset) {
        return IpAddress.ipv4(0x0A000000L + offset);
    }
}

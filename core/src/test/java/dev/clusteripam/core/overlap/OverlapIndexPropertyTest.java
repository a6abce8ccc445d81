package dev.clusteripam.core.overlap;

import static dev.clusteripam.core.check.Generators.ints;
import static dev.clusteripam.core.check.Generators.lists;
import static dev.clusteripam.core.check.Generators.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.check.PropertyCheck;
import dev.clusteripam.core.interval.Interval;
import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.U128;
import io.kotest.property.Arb;
import io.kotest.property.arbitrary.BindKt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of pools put, replaced and removed, of both families over a small space so that
 * they overlap often: after every step the index's answer for every pool must equal the naive
 * all-pairs intersection.
 */
class OverlapIndexPropertyTest {

    /** Put (or replace) pool {@code pool} with {@code intervals}, or remove it. */
    record Step(boolean remove, int pool, IpFamily family, List<Interval> intervals) {
    }

    @Test
    void agreesWithAllPairsIntersection() {
        Arb<Interval> intervals = BindKt.bind(Arb.Companion, ints(0, 200), ints(0, 30),
                (first, length) -> new Interval(U128.ofUnsigned(first), U128.ofUnsigned(first + length)));
        Arb<Step> steps = BindKt.bind(Arb.Companion, of(false, false, false, true), ints(0, 7),
                of(IpFamily.IPV4, IpFamily.IPV4, IpFamily.IPV6), lists(intervals, 0, 6), Step::new);
        PropertyCheck.forAll(500, lists(steps, 1, 40), OverlapIndexPropertyTest::runAgainstAllPairs);
    }

    private static void runAgainstAllPairs(List<Step> steps) {
        OverlapIndex<String> index = new OverlapIndex<>();
        Map<String, Step> reference = new HashMap<>();
        for (Step step : steps) {
            String pool = "pool-" + step.pool();
            if (step.remove()) {
                index.remove(pool);
                reference.remove(pool);
            } else {
                index.put(pool, step.family(), IntervalSet.of(step.intervals()));
                reference.put(pool, step);
            }
            assertThat(index.size()).isEqualTo(reference.size());
            for (String each : reference.keySet()) {
                assertThat(index.overlapsOf(each)).as("overlaps of %s after %s", each, steps)
                        .isEqualTo(allPairs(reference, each));
                Step own = reference.get(each);
                assertThat(index.overlapsWith(own.family(), IntervalSet.of(own.intervals()), Optional.empty()))
                        .as("overlaps with %s's addresses, itself included", each)
                        .isEqualTo(allPairsIncludingSelf(reference, own));
            }
            Map<String, List<Overlap<String>>> expectedAll = new TreeMap<>();
            for (String each : reference.keySet()) {
                List<Overlap<String>> overlaps = allPairs(reference, each);
                if (!overlaps.isEmpty()) {
                    expectedAll.put(each, overlaps);
                }
            }
            assertThat(index.allOverlaps()).isEqualTo(expectedAll);
        }
    }

    private static List<Overlap<String>> allPairs(Map<String, Step> pools, String pool) {
        Step own = pools.get(pool);
        List<Overlap<String>> expected = new ArrayList<>();
        for (String other : new TreeMap<>(pools).keySet()) {
            if (!other.equals(pool)) {
                shared(own, pools.get(other)).ifPresent(s -> expected.add(new Overlap<>(other, own.family(), s)));
            }
        }
        return expected;
    }

    private static List<Overlap<String>> allPairsIncludingSelf(Map<String, Step> pools, Step own) {
        List<Overlap<String>> expected = new ArrayList<>();
        new TreeMap<>(pools).forEach((other, step) ->
                shared(own, step).ifPresent(s -> expected.add(new Overlap<>(other, own.family(), s))));
        return expected;
    }

    /** The intersection, value by value. */
    private static Optional<IntervalSet> shared(Step a, Step b) {
        if (a.family() != b.family()) {
            return Optional.empty();
        }
        IntervalSet setA = IntervalSet.of(a.intervals());
        IntervalSet setB = IntervalSet.of(b.intervals());
        List<Interval> common = new ArrayList<>();
        for (long value = 0; value <= 240; value++) {
            U128 v = U128.ofUnsigned(value);
            if (setA.contains(v) && setB.contains(v)) {
                common.add(Interval.single(v));
            }
        }
        return common.isEmpty() ? Optional.empty() : Optional.of(IntervalSet.of(common));
    }
}

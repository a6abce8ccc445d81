package dev.clusteripam.core.interval;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.clusteripam.core.check.Generators.ints;
import static dev.clusteripam.core.check.Generators.lists;

import dev.clusteripam.core.check.PropertyCheck;
import dev.clusteripam.core.ip.U128;
import io.kotest.property.Arb;
import io.kotest.property.arbitrary.BindKt;
import java.math.BigInteger;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IntervalSetTest {

    /** Values 0..63 stand for the whole number line: small enough to enumerate, big enough to cover every overlap. */
    private static final int UNIVERSE = 64;

    @Test
    void mergesTouchingAndOverlappingIntervals() {
        IntervalSet set = IntervalSet.of(interval(5, 9), interval(0, 4), interval(7, 12), interval(20, 20));
        assertThat(set.intervals()).containsExactly(interval(0, 12), interval(20, 20));
    }

    @Test
    void handlesTheTopOfTheValueRange() {
        IntervalSet set = IntervalSet.of(new Interval(U128.MAX.previous(), U128.MAX), Interval.single(U128.MAX));
        assertThat(set.size()).isEqualTo(BigInteger.TWO);
        assertThat(IntervalSet.of(new Interval(U128.ZERO, U128.MAX)).minus(IntervalSet.of(Interval.single(U128.MAX))).intervals())
                .containsExactly(new Interval(U128.ZERO, U128.MAX.previous()));
    }

    record Pair(List<Interval> a, List<Interval> b) {
    }

    @Test
    void behavesLikeASetOfValues() {
        Arb<List<Interval>> intervalLists = intervalLists();
        PropertyCheck.forAll(1000, BindKt.bind(Arb.Companion, intervalLists, intervalLists, Pair::new),
                pair -> behavesLikeASetOfValues(pair.a(), pair.b()));
    }

    private static void behavesLikeASetOfValues(List<Interval> a, List<Interval> b) {
        TreeSet<Long> setA = enumerate(a);
        TreeSet<Long> setB = enumerate(b);
        IntervalSet intervalsA = IntervalSet.of(a);
        IntervalSet intervalsB = IntervalSet.of(b);

        TreeSet<Long> difference = new TreeSet<>(setA);
        difference.removeAll(setB);
        TreeSet<Long> union = new TreeSet<>(setA);
        union.addAll(setB);

        assertThat(enumerate(intervalsA.intervals())).isEqualTo(setA);
        assertThat(enumerate(intervalsA.minus(intervalsB).intervals())).isEqualTo(difference);
        assertThat(enumerate(intervalsA.union(intervalsB).intervals())).isEqualTo(union);
        assertThat(intervalsA.size()).isEqualTo(BigInteger.valueOf(setA.size()));
        for (long v = 0; v < UNIVERSE; v++) {
            assertThat(intervalsA.contains(U128.ofUnsigned(v))).isEqualTo(setA.contains(v));
        }
        for (Interval probe : b) {
            TreeSet<Long> probeValues = enumerate(List.of(probe));
            assertThat(intervalsA.containsAll(probe)).isEqualTo(setA.containsAll(probeValues));
            assertThat(intervalsA.overlaps(probe)).isEqualTo(probeValues.stream().anyMatch(setA::contains));
        }
        assertNormalized(intervalsA.minus(intervalsB));
    }

    private static void assertNormalized(IntervalSet set) {
        List<Interval> intervals = set.intervals();
        for (int i = 1; i < intervals.size(); i++) {
            // Sorted, disjoint and with a gap between neighbours.
            assertThat(intervals.get(i).first()).isGreaterThan(intervals.get(i - 1).last().next());
        }
    }

    private static Arb<List<Interval>> intervalLists() {
        Arb<Integer> value = ints(0, UNIVERSE - 1);
        Arb<Interval> one = BindKt.bind(Arb.Companion, value, value, (x, y) -> interval(Math.min(x, y), Math.max(x, y)));
        return lists(one, 0, 6);
    }

    private static TreeSet<Long> enumerate(List<Interval> intervals) {
        TreeSet<Long> values = new TreeSet<>();
        for (Interval interval : intervals) {
            for (long v = interval.first().low(); v <= interval.last().low(); v++) {
                values.add(v);
            }
        }
        return values;
    }

    private static Interval interval(long first, long last) {
        return new Interval(U128.ofUnsigned(first), U128.ofUnsigned(last));
    }
}

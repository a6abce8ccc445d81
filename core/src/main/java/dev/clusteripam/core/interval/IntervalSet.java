package dev.clusteripam.core.interval;

import dev.clusteripam.core.ip.U128;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable set of 128-bit values kept as sorted, disjoint, non-adjacent intervals. Membership
 * is a binary search, so a pool spec of a few entries answers in O(log entries) however many
 * addresses it covers.
 */
public final class IntervalSet {

    private static final IntervalSet EMPTY = new IntervalSet(List.of());

    private final List<Interval> intervals;

    private IntervalSet(List<Interval> normalized) {
        this.intervals = normalized;
    }

    public static IntervalSet empty() {
        return EMPTY;
    }

    /** The union of the given intervals, which may overlap or touch. */
    public static IntervalSet of(List<Interval> intervals) {
        if (intervals.isEmpty()) {
            return EMPTY;
        }
        List<Interval> sorted = new ArrayList<>(intervals);
        Collections.sort(sorted);
        List<Interval> merged = new ArrayList<>(sorted.size());
        Interval current = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            Interval next = sorted.get(i);
            if (touchesOrOverlaps(current, next)) {
                current = new Interval(current.first(), max(current.last(), next.last()));
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return new IntervalSet(List.copyOf(merged));
    }

    public static IntervalSet of(Interval... intervals) {
        return of(List.of(intervals));
    }

    public List<Interval> intervals() {
        return intervals;
    }

    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    public boolean contains(U128 value) {
        int index = indexOfIntervalStartingAtOrBefore(value);
        return index >= 0 && intervals.get(index).contains(value);
    }

    /** Whether every value of {@code interval} is in this set. */
    public boolean containsAll(Interval interval) {
        int index = indexOfIntervalStartingAtOrBefore(interval.first());
        return index >= 0 && intervals.get(index).contains(interval.last());
    }

    /** Whether any value of {@code interval} is in this set. */
    public boolean overlaps(Interval interval) {
        int index = indexOfIntervalStartingAtOrBefore(interval.last());
        return index >= 0 && !intervals.get(index).last().isBefore(interval.first());
    }

    /** Number of values in the set. */
    public BigInteger size() {
        BigInteger total = BigInteger.ZERO;
        for (Interval interval : intervals) {
            total = total.add(interval.size());
        }
        return total;
    }

    public IntervalSet union(IntervalSet other) {
        List<Interval> all = new ArrayList<>(intervals);
        all.addAll(other.intervals);
        return of(all);
    }

    /** The values of this set that are not in {@code removed}. */
    public IntervalSet minus(IntervalSet removed) {
        if (removed.isEmpty() || isEmpty()) {
            return this;
        }
        List<Interval> result = new ArrayList<>();
        int r = 0;
        for (Interval kept : intervals) {
            U128 cursor = kept.first();
            boolean exhausted = false;
            while (r < removed.intervals.size() && removed.intervals.get(r).last().isBefore(cursor)) {
                r++;
            }
            int scan = r;
            while (scan < removed.intervals.size() && !exhausted) {
                Interval cut = removed.intervals.get(scan);
                if (cut.first().isAfter(kept.last())) {
                    break;
                }
                if (cut.first().isAfter(cursor)) {
                    result.add(new Interval(cursor, cut.first().previous()));
                }
                if (!cut.last().isBefore(kept.last())) {
                    exhausted = true;
                } else {
                    cursor = max(cursor, cut.last().next());
                    scan++;
                }
            }
            if (!exhausted) {
                result.add(new Interval(cursor, kept.last()));
            }
        }
        return new IntervalSet(List.copyOf(result));
    }

    /** Index of the last interval whose first value is at or before {@code value}, or -1. */
    private int indexOfIntervalStartingAtOrBefore(U128 value) {
        int low = 0;
        int high = intervals.size() - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (intervals.get(middle).first().compareTo(value) <= 0) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    private static boolean touchesOrOverlaps(Interval earlier, Interval later) {
        return earlier.last().isMax() || !later.first().isAfter(earlier.last().next());
    }

    private static U128 max(U128 a, U128 b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IntervalSet that && intervals.equals(that.intervals);
    }

    @Override
    public int hashCode() {
        return intervals.hashCode();
    }

    @Override
    public String toString() {
        return intervals.toString();
    }
}

package dev.clusteripam.core.alloc;

import dev.clusteripam.core.interval.Interval;
import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.U128;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The free values of an allocatable set, kept as a sorted map of disjoint free intervals
 * (start -> end). Taking the lowest free value, taking a given one and giving one back each touch
 * at most two intervals, so they cost O(log n) in the number of free intervals, which is at most
 * the number of spec intervals plus the number of allocated runs, whatever the pool's size.
 *
 * <p>Not thread-safe: each pool's index is owned by one writer at a time.
 */
public final class FreeSpaceIndex {

    private final IntervalSet allocatable;
    private final BigInteger total;
    private final TreeMap<U128, U128> free = new TreeMap<>();
    private long taken;

    public FreeSpaceIndex(IntervalSet allocatable) {
        this.allocatable = allocatable;
        this.total = allocatable.size();
        for (Interval interval : allocatable.intervals()) {
            free.put(interval.first(), interval.last());
        }
    }

    /** Whether {@code value} may be handed out at all, free or not. */
    public boolean isAllocatable(U128 value) {
        return allocatable.contains(value);
    }

    public boolean isFree(U128 value) {
        Map.Entry<U128, U128> candidate = free.floorEntry(value);
        return candidate != null && !candidate.getValue().isBefore(value);
    }

    /** Takes and returns the lowest free value, or empty when nothing is free. */
    public Optional<U128> takeLowest() {
        Map.Entry<U128, U128> lowest = free.pollFirstEntry();
        if (lowest == null) {
            return Optional.empty();
        }
        U128 value = lowest.getKey();
        if (value.isBefore(lowest.getValue())) {
            free.put(value.next(), lowest.getValue());
        }
        taken++;
        return Optional.of(value);
    }

    /** Takes {@code value} if it is free; false when it is taken already or not allocatable. */
    public boolean take(U128 value) {
        Map.Entry<U128, U128> around = free.floorEntry(value);
        if (around == null || around.getValue().isBefore(value)) {
            return false;
        }
        U128 start = around.getKey();
        U128 end = around.getValue();
        free.remove(start);
        if (start.isBefore(value)) {
            free.put(start, value.previous());
        }
        if (value.isBefore(end)) {
            free.put(value.next(), end);
        }
        taken++;
        return true;
    }

    /** Gives {@code value} back; false when it was free already or is not allocatable. */
    public boolean release(U128 value) {
        if (!allocatable.contains(value) || isFree(value)) {
            return false;
        }
        U128 start = value;
        U128 end = value;
        // Neighbouring free intervals can only be merged when they are adjacent; adjacency inside
        // the free map implies both sides are allocatable, so no spec gap is bridged.
        Map.Entry<U128, U128> before = value.isZero() ? null : free.floorEntry(value.previous());
        if (before != null && before.getValue().equals(value.previous())) {
            start = before.getKey();
            free.remove(before.getKey());
        }
        if (!value.isMax()) {
            U128 afterStart = value.next();
            U128 afterEnd = free.get(afterStart);
            if (afterEnd != null) {
                end = afterEnd;
                free.remove(afterStart);
            }
        }
        free.put(start, end);
        taken--;
        return true;
    }

    /** Number of allocatable values, free or not. */
    public BigInteger total() {
        return total;
    }

    /** Number of allocatable values that are taken. */
    public long taken() {
        return taken;
    }

    public BigInteger freeCount() {
        return total.subtract(BigInteger.valueOf(taken));
    }

    /** The free values as sorted, disjoint intervals; a snapshot. */
    public List<Interval> freeIntervals() {
        List<Interval> result = new ArrayList<>(free.size());
        free.forEach((start, end) -> result.add(new Interval(start, end)));
        return result;
    }
}

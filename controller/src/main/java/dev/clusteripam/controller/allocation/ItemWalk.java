package dev.clusteripam.controller.allocation;

import dev.clusteripam.core.interval.Interval;
import dev.clusteripam.core.ip.U128;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Walks the values of sorted, disjoint intervals in order, mapping each to an item; lazily, as a pool may be huge. */
final class ItemWalk<T> implements Iterator<T> {

    private final Iterator<Interval> intervals;
    private final Function<U128, T> item;
    private Interval current;
    private U128 next;

    ItemWalk(List<Interval> intervals, Function<U128, T> item) {
        this.intervals = intervals.iterator();
        this.item = item;
        advanceInterval();
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public T next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        U128 value = next;
        if (value.equals(current.last())) {
            advanceInterval();
        } else {
            next = value.next();
        }
        return item.apply(value);
    }

    private void advanceInterval() {
        if (intervals.hasNext()) {
            current = intervals.next();
            next = current.first();
        } else {
            current = null;
            next = null;
        }
    }
}

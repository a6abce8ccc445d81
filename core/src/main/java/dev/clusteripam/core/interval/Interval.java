package dev.clusteripam.core.interval;

import dev.clusteripam.core.ip.U128;
import java.math.BigInteger;
import java.util.Objects;

/** The values from {@code first} to {@code last}, both included. */
public record Interval(U128 first, U128 last) implements Comparable<Interval> {

    public Interval {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.isAfter(last)) {
            throw new IllegalArgumentException("interval start " + first + " is after its end " + last);
        }
    }

    public static Interval single(U128 value) {
        return new Interval(value, value);
    }

    public boolean contains(U128 value) {
        return first.compareTo(value) <= 0 && value.compareTo(last) <= 0;
    }

    public BigInteger size() {
        return U128.countInclusive(first, last);
    }

    @Override
    public int compareTo(Interval other) {
        int byFirst = first.compareTo(other.first);
        return byFirst != 0 ? byFirst : last.compareTo(other.last);
    }
}

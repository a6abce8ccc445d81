package dev.clusteripam.core.check;

import dev.clusteripam.core.ip.U128;
import io.kotest.property.Arb;
import io.kotest.property.arbitrary.BindKt;
import io.kotest.property.arbitrary.CollectionsKt;
import io.kotest.property.arbitrary.CombinationsKt;
import io.kotest.property.arbitrary.IntsKt;
import io.kotest.property.arbitrary.LongsKt;
import io.kotest.property.arbitrary.MapKt;
import io.kotest.property.arbitrary.NullKt;
import java.util.List;
import java.util.Optional;
import kotlin.ranges.IntRange;

/**
 * kotest's generators under names Java can call ({@code Arb.int} and {@code Arb.long} are Java
 * keywords) and in the shapes the property tests share. Every generator shrinks: numbers towards
 * their lower bound (or zero), lists towards fewer and smaller elements, the other combinations
 * through their parts.
 */
public final class Generators {

    private Generators() {
    }

    /** Integers from {@code min} to {@code max}, both included. */
    public static Arb<Integer> ints(int min, int max) {
        return MapKt.map(IntsKt.nonNegativeInt(Arb.Companion, max - min), offset -> min + offset);
    }

    /** Longs from {@code min} to {@code max}, both included, for {@code min >= 0}. */
    public static Arb<Long> nonNegativeLongs(long min, long max) {
        return MapKt.map(LongsKt.nonNegativeLong(Arb.Companion, max - min), offset -> min + offset);
    }

    /** Any long: a non-negative one or its bitwise complement, so that both halves shrink to 0 or -1. */
    public static Arb<Long> longs() {
        return BindKt.bind(Arb.Companion, LongsKt.nonNegativeLong(Arb.Companion, Long.MAX_VALUE), of(false, true),
                (magnitude, negative) -> negative ? ~magnitude : magnitude);
    }

    /** One of the given values (kotest does not shrink a choice of values). */
    @SafeVarargs
    public static <A> Arb<A> of(A... values) {
        return CollectionsKt.element(Arb.Companion, List.of(values));
    }

    /** A value of one of the given generators. */
    @SafeVarargs
    public static <A> Arb<A> oneOf(Arb<? extends A>... alternatives) {
        return CombinationsKt.choice(Arb.Companion, List.of(alternatives));
    }

    /** Lists of {@code minSize} to {@code maxSize} elements. */
    public static <A> Arb<List<A>> lists(Arb<A> elements, int minSize, int maxSize) {
        return CollectionsKt.list(Arb.Companion, elements, new IntRange(minSize, maxSize));
    }

    /** A value of {@code values} with probability {@code presence}, else empty. */
    public static <A> Arb<Optional<A>> optional(Arb<A> values, double presence) {
        return MapKt.map(NullKt.orNull(values, 1 - presence), Optional::ofNullable);
    }

    /** 128-bit values whose two halves are each drawn from {@code words}. */
    public static Arb<U128> u128s(Arb<Long> words) {
        return BindKt.bind(Arb.Companion, words, words, U128::new);
    }
}

package dev.clusteripam.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.interval.Interval;
import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.U128;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FreeSpaceIndexTest {

    @Test
    void takesTheLowestFreeValueAcrossSpecGaps() {
        FreeSpaceIndex index = new FreeSpaceIndex(IntervalSet.of(interval(10, 11), interval(20, 20)));
        assertThat(index.takeLowest()).contains(value(10));
        assertThat(index.takeLowest()).contains(value(11));
        assertThat(index.takeLowest()).contains(value(20));
        assertThat(index.takeLowest()).isEmpty();
        assertThat(index.freeCount()).isZero();
    }

    @Test
    void releasedValuesMergeWithTheirFreeNeighboursButNeverBridgeASpecGap() {
        FreeSpaceIndex index = new FreeSpaceIndex(IntervalSet.of(interval(0, 4), interval(6, 8)));
        for (int i = 0; i < 8; i++) {
            index.takeLowest();
        }
        index.release(value(4));
        index.release(value(6));
        assertThat(index.freeIntervals()).containsExactly(interval(4, 4), interval(6, 6));
        index.release(value(3));
        index.release(value(7));
        assertThat(index.freeIntervals()).containsExactly(interval(3, 4), interval(6, 7));
        assertThat(index.takeLowest()).contains(value(3));
    }

    @Test
    void refusesToTakeOrReleaseWhatItMustNot() {
        FreeSpaceIndex index = new FreeSpaceIndex(IntervalSet.of(interval(0, 9)));
        assertThat(index.take(value(5))).isTrue();
        assertThat(index.take(value(5))).as("taken twice").isFalse();
        assertThat(index.take(value(10))).as("not allocatable").isFalse();
        assertThat(index.release(value(6))).as("was free").isFalse();
        assertThat(index.release(value(42))).as("not allocatable").isFalse();
        assertThat(index.release(value(5))).isTrue();
        assertThat(index.freeIntervals()).containsExactly(interval(0, 9));
    }

    @Test
    void countsBeyondSixtyFourBits() {
        FreeSpaceIndex index = new FreeSpaceIndex(IntervalSet.of(new Interval(U128.ZERO, U128.MAX)));
        index.take(U128.MAX);
        index.takeLowest();
        assertThat(index.total()).isEqualTo(BigInteger.ONE.shiftLeft(128));
        assertThat(index.freeCount()).isEqualTo(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.TWO));
        assertThat(index.release(U128.MAX)).isTrue();
        assertThat(index.freeIntervals()).containsExactly(new Interval(U128.ONE, U128.MAX));
    }

    private static U128 value(long v) {
        return U128.ofUnsigned(v);
    }

    private static Interval interval(long first, long last) {
        return new Interval(value(first), value(last));
    }
}

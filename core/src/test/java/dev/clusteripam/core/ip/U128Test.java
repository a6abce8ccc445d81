package dev.clusteripam.core.ip;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class U128Test {

    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(128);

    @Property(tries = 1000)
    void agreesWithBigIntegerArithmetic(@ForAll("values") U128 a, @ForAll("values") U128 b, @ForAll @IntRange(min = 0, max = 128) int bits) {
        BigInteger x = a.toBigInteger();
        BigInteger y = b.toBigInteger();
        assertThat(U128.of(x)).isEqualTo(a);
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(x.compareTo(y));
        assertThat(a.shiftRight(bits).toBigInteger()).isEqualTo(x.shiftRight(bits));
        assertThat(a.shiftLeft(bits).toBigInteger()).isEqualTo(x.shiftLeft(bits).mod(MODULUS));
        assertThat(U128.lowBitsMask(bits).toBigInteger()).isEqualTo(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        if (!a.isMax()) {
            assertThat(a.next().toBigInteger()).isEqualTo(x.add(BigInteger.ONE));
        }
        if (!a.isZero()) {
            assertThat(a.previous().toBigInteger()).isEqualTo(x.subtract(BigInteger.ONE));
        }
    }

    @Provide
    Arbitrary<U128> values() {
        Arbitrary<Long> word = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE));
        return Combinators.combine(word, word).as(U128::new);
    }
}

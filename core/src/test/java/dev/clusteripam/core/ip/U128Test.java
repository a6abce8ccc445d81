package dev.clusteripam.core.ip;

import static dev.clusteripam.core.check.Generators.ints;
import static dev.clusteripam.core.check.Generators.longs;
import static dev.clusteripam.core.check.Generators.of;
import static dev.clusteripam.core.check.Generators.oneOf;
import static dev.clusteripam.core.check.Generators.u128s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.check.PropertyCheck;
import io.kotest.property.Arb;
import io.kotest.property.arbitrary.BindKt;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class U128Test {

    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(128);

    record Case(U128 a, U128 b, int bits) {
    }

    @Test
    void agreesWithBigIntegerArithmetic() {
        Arb<U128> values = u128s(oneOf(longs(), of(0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE)));
        PropertyCheck.forAll(1000, BindKt.bind(Arb.Companion, values, values, ints(0, 128), Case::new), c -> {
            U128 a = c.a();
            int bits = c.bits();
            BigInteger x = a.toBigInteger();
            BigInteger y = c.b().toBigInteger();
            assertThat(U128.of(x)).isEqualTo(a);
            assertThat(Integer.signum(a.compareTo(c.b()))).isEqualTo(x.compareTo(y));
            assertThat(a.shiftRight(bits).toBigInteger()).isEqualTo(x.shiftRight(bits));
            assertThat(a.shiftLeft(bits).toBigInteger()).isEqualTo(x.shiftLeft(bits).mod(MODULUS));
            assertThat(U128.lowBitsMask(bits).toBigInteger()).isEqualTo(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
            if (!a.isMax()) {
                assertThat(a.next().toBigInteger()).isEqualTo(x.add(BigInteger.ONE));
            }
            if (!a.isZero()) {
                assertThat(a.previous().toBigInteger()).isEqualTo(x.subtract(BigInteger.ONE));
            }
        });
    }
}

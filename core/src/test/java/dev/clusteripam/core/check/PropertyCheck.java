package dev.clusteripam.core.check;

import io.kotest.property.Arb;
import io.kotest.property.PropertyTest1Kt;
import io.kotest.property.PropertyTesting;
import java.util.concurrent.atomic.AtomicInteger;
import kotlin.Unit;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlinx.coroutines.BuildersKt;

/**
 * Runs a property from a plain JUnit test with kotest's property engine (see docs/testing.md for
 * why kotest and not Jazzer or others): {@code tries} generated values, then, on a failure, kotest
 * shrinks the value and throws an {@link AssertionError} that names the shrunk value, the original
 * one and the seed to repeat the run with.
 */
public final class PropertyCheck {

    static {
        // kotest would otherwise keep failed seeds in a directory of the working tree and replay them.
        PropertyTesting.INSTANCE.setWriteFailedSeed(false);
    }

    private PropertyCheck() {
    }

    /** The body of a property: assertions on one generated value. */
    @FunctionalInterface
    public interface Property<A> {
        void check(A value) throws Exception;
    }

    /**
     * Checks {@code property} on {@code tries} values of {@code values}. A value the property
     * {@linkplain #assume(boolean) assumes away} counts as a try but not as a check.
     */
    public static <A> void forAll(int tries, Arb<A> values, Property<A> property) {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger checks = new AtomicInteger();
        try {
            // kotest's engine is written as Kotlin suspend functions; nothing in the property suspends.
            BuildersKt.runBlocking(EmptyCoroutineContext.INSTANCE, (scope, continuation) ->
                    PropertyTest1Kt.checkAll(tries, values, (context, value, ignored) -> {
                        calls.incrementAndGet();
                        checkOne(property, value);
                        checks.incrementAndGet();
                        return Unit.INSTANCE;
                    }, continuation));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while checking a property", e);
        }
        // The counts in the test output, so that a run shows how much each property was tried.
        System.out.printf("property %s: %d tries, %d checks%n", caller(), calls.get(), checks.get());
    }

    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(frame -> !frame.getClassName().equals(PropertyCheck.class.getName()))
                .findFirst()
                .map(frame -> frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1) + "." + frame.getMethodName())
                .orElse("?"));
    }

    /** Discards the current value unless {@code condition} holds. */
    public static void assume(boolean condition) {
        io.kotest.property.AssumptionsKt.assume(condition);
    }

    private static <A> void checkOne(Property<A> property, A value) {
        try {
            property.check(value);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            // A checked exception fails the property like an assertion, so that kotest shrinks it too.
            throw new AssertionError(e);
        }
    }
}

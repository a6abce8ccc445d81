package dev.clusteripam.controller.informer;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the provider's own informers (beside the Java Operator SDK's) without waiting for them, so
 * that their first lists run while the operator's informers list too; {@link Syncing#await} then
 * waits until each has listed everything once: the caches they fill are read as complete by the
 * first reconcile.
 */
public final class InformerStart {

    private InformerStart() {
    }

    /**
     * Starts every informer at once.
     *
     * @param timeout how long {@link Syncing#await} waits, counted from now
     * @param what what the informers hold, for the error ("the IPAddress cache")
     */
    public static Syncing start(List<? extends SharedIndexInformer<?>> informers, Duration timeout, String what) {
        CompletableFuture<?>[] started = informers.stream().map(i -> i.start().toCompletableFuture()).toArray(CompletableFuture<?>[]::new);
        return new Syncing(CompletableFuture.allOf(started), System.nanoTime() + timeout.toNanos(), timeout, what);
    }

    /** Informers started, syncing or synced. */
    public static final class Syncing {

        private final CompletableFuture<Void> synced;
        private final long deadlineNanos;
        private final Duration timeout;
        private final String what;

        private Syncing(CompletableFuture<Void> synced, long deadlineNanos, Duration timeout, String what) {
            this.synced = synced;
            this.deadlineNanos = deadlineNanos;
            this.timeout = timeout;
            this.what = what;
        }

        /**
         * Returns once every informer has listed everything once.
         *
         * @throws IllegalStateException when one did not sync within the timeout given at the start, failed, or the wait was interrupted
         */
        public void await() {
            try {
                synced.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while syncing " + what, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(what + " did not sync within " + timeout + ": " + e, e);
            }
        }
    }
}

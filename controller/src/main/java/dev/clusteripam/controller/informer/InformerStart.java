package dev.clusteripam.controller.informer;

import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the provider's own informers (beside the Java Operator SDK's) and waits until each has
 * listed everything once: the caches they fill are read as complete by the first reconcile.
 */
public final class InformerStart {

    private InformerStart() {
    }

    /**
     * Starts every informer at once, then waits for each within {@code timeout}.
     *
     * @param what what the informers hold, for the error ("the IPAddress cache")
     * @throws IllegalStateException when one did not sync in time, failed, or the wait was interrupted
     */
    public static void startAndSync(List<? extends SharedIndexInformer<?>> informers, Duration timeout, String what) {
        List<CompletableFuture<?>> started = informers.stream().<CompletableFuture<?>>map(i -> i.start().toCompletableFuture()).toList();
        for (CompletableFuture<?> informer : started) {
            try {
                informer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while syncing " + what, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(what + " did not sync within " + timeout + ": " + e, e);
            }
        }
    }
}

package dev.clusteripam.webhook.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedThreadPerTaskTest {

    @Test
    void refusesATaskBeyondTheLimitAndTakesOneAgainWhenATaskEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch bothRunning = new CountDownLatch(2);
        BoundedThreadPerTask executor = new BoundedThreadPerTask(2, Thread.ofVirtual().name("test-", 1).factory());
        try {
            Runnable holding = () -> {
                bothRunning.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            executor.execute(holding);
            executor.execute(holding);
            assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class)
                    .hasMessage("2 tasks are running, the most allowed at once");

            release.countDown();
            CompletableFuture<Thread> third = new CompletableFuture<>();
            // Both permits come back as the two tasks end; the next task is taken then.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!third.isDone() && System.nanoTime() < deadline) {
                try {
                    executor.execute(() -> third.complete(Thread.currentThread()));
                } catch (RejectedExecutionException stillRunning) {
                    Thread.sleep(10);
                }
            }
            Thread thread = third.get(10, TimeUnit.SECONDS);
            assertThat(thread.isVirtual()).isTrue();
            assertThat(thread.getName()).startsWith("test-");
        } finally {
            executor.shutdownNow();
        }
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }
}

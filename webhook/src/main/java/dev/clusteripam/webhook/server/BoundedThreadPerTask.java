package dev.clusteripam.webhook.server;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A new thread for each task, as {@link Executors#newThreadPerTaskExecutor} makes them, but at most
 * {@code limit} running at once: a task beyond that is refused with
 * {@link RejectedExecutionException} at once rather than queued (the JDK's HTTP server then closes
 * that connection).
 */
final class BoundedThreadPerTask extends AbstractExecutorService {

    private final int limit;
    private final Semaphore running;
    private final ExecutorService threads;

    BoundedThreadPerTask(int limit, ThreadFactory threadFactory) {
        this.limit = limit;
        this.running = new Semaphore(limit);
        this.threads = Executors.newThreadPerTaskExecutor(threadFactory);
    }

    @Override
    public void execute(Runnable task) {
        if (!running.tryAcquire()) {
            throw new RejectedExecutionException(limit + " tasks are running, the most allowed at once");
        }
        try {
            threads.execute(() -> {
                try {
                    task.run();
                } finally {
                    running.release();
                }
            });
        } catch (RejectedExecutionException e) {
            running.release();
            throw e;
        }
    }

    @Override
    public void shutdown() {
        threads.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return threads.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return threads.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return threads.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return threads.awaitTermination(timeout, unit);
    }
}

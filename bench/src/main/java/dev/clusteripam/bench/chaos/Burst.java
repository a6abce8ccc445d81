package dev.clusteripam.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Claims arriving at an even pace over a time span, spread round-robin over pools, sent from a few
 * threads: the load that the provider is killed, doubled or cut off from its API server under.
 */
final class Burst {

    private static final Duration CREATE_PATIENCE = Duration.ofMinutes(2);

    private final ExecutorService senders;
    private final List<Future<?>> sent;

    private Burst(ExecutorService senders, List<Future<?>> sent) {
        this.senders = senders;
        this.sent = sent;
    }

    static Burst start(Claims claims, List<String> names, List<String> pools, Duration over) {
        ExecutorService senders = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "burst");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        long step = over.toNanos() / Math.max(1, names.size());
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String pool = pools.get(i % pools.size());
            long due = start + i * step;
            sent.add(senders.submit(() -> {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                claims.create(name, pool, CREATE_PATIENCE);
                return null;
            }));
        }
        return new Burst(senders, sent);
    }

    /** Waits until every create was answered; a create that failed for good fails the burst. */
    void await(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Future<?> future : sent) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
    }
}

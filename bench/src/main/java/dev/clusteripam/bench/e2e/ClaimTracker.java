package dev.clusteripam.bench.e2e;

import dev.clusteripam.api.capi.IPAddressClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Creates claims and sees them served. A claim is served when its {@code status.addressRef} is set,
 * the one sign both providers give (upstream sets no condition). A claim's latency runs from just
 * before its create request is sent to the watch event that shows it served, both on this JVM's
 * monotonic clock.
 */
final class ClaimTracker implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final ExecutorService creators;
    private final SharedIndexInformer<IPAddressClaim> informer;
    private final Map<String, Long> sentNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> servedNanos = new ConcurrentHashMap<>();
    private final Map<String, Long> goneNanos = new ConcurrentHashMap<>();

    ClaimTracker(KubernetesClient client, String namespace, int creatorThreads) {
        this.client = client;
        this.namespace = namespace;
        this.creators = Executors.newFixedThreadPool(creatorThreads, runnable -> {
            Thread thread = new Thread(runnable, "claim-creator");
            thread.setDaemon(true);
            return thread;
        });
        this.informer = client.resources(IPAddressClaim.class).inNamespace(namespace).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(IPAddressClaim claim) {
                seen(claim);
            }

            @Override
            public void onUpdate(IPAddressClaim before, IPAddressClaim after) {
                seen(after);
            }

            @Override
            public void onDelete(IPAddressClaim claim, boolean finalStateUnknown) {
                goneNanos.putIfAbsent(claim.getMetadata().getName(), System.nanoTime());
            }
        });
        informer.run();
    }

    private void seen(IPAddressClaim claim) {
        if (isServed(claim)) {
            servedNanos.putIfAbsent(claim.getMetadata().getName(), System.nanoTime());
        }
    }

    static boolean isServed(IPAddressClaim claim) {
        return claim.getStatus() != null && claim.getStatus().getAddressRef() != null
                && claim.getStatus().getAddressRef().getName() != null && !claim.getStatus().getAddressRef().getName().isEmpty();
    }

    /** Sends the creates from the creator threads at once; returns when every request has been answered. */
    void create(List<ClaimRequest> claims) {
        List<Future<?>> sent = new ArrayList<>(claims.size());
        for (ClaimRequest request : claims) {
            sent.add(sendCreate(request));
        }
        awaitAll(sent);
    }

    /** Deletes the claims from the creator threads; returns when every request has been answered (not when they are gone). */
    void delete(Collection<String> names) {
        List<Future<?>> sent = new ArrayList<>(names.size());
        for (String name : names) {
            sent.add(sendDelete(name));
        }
        awaitAll(sent);
    }

    /**
     * Deletes {@code names} and creates {@code claims} at the same time, their requests taking turns
     * on the creator threads; returns when every request has been answered. (Not a delete on a
     * pool thread of its own beside a create: waiting there blocks the common pool, which on Java 25
     * is CompletableFuture's default even with one worker, and the client needs that worker to
     * complete its requests.)
     */
    void deleteAndCreate(List<String> names, List<ClaimRequest> claims) {
        List<Future<?>> sent = new ArrayList<>(names.size() + claims.size());
        for (int i = 0; i < Math.max(names.size(), claims.size()); i++) {
            if (i < names.size()) {
                sent.add(sendDelete(names.get(i)));
            }
            if (i < claims.size()) {
                sent.add(sendCreate(claims.get(i)));
            }
        }
        awaitAll(sent);
    }

    private Future<?> sendCreate(ClaimRequest request) {
        return creators.submit(() -> {
            sentNanos.put(request.name(), System.nanoTime());
            client.resource(request.toClaim(namespace)).create();
        });
    }

    private Future<?> sendDelete(String name) {
        return creators.submit(() -> client.resources(IPAddressClaim.class).inNamespace(namespace).withName(name).delete());
    }

    /** Waits until every claim is served; false when the time ran out first. */
    boolean awaitServed(Collection<String> names, Duration timeout) throws InterruptedException {
        return awaitAllIn(servedNanos, names, timeout);
    }

    /** Waits until every claim is gone from the server (its finalizer removed); false when the time ran out first. */
    boolean awaitGone(Collection<String> names, Duration timeout) throws InterruptedException {
        return awaitAllIn(goneNanos, names, timeout);
    }

    private static boolean awaitAllIn(Map<String, Long> seen, Collection<String> names, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!seen.keySet().containsAll(names)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    long countServed(Collection<String> names) {
        return names.stream().filter(servedNanos::containsKey).count();
    }

    long sentNanos(String name) {
        return sentNanos.get(name);
    }

    long servedNanos(String name) {
        return servedNanos.get(name);
    }

    /** Creation to served, for a claim that is served. */
    long latencyNanos(String name) {
        return servedNanos.get(name) - sentNanos.get(name);
    }

    private static void awaitAll(List<Future<?>> futures) {
        for (Future<?> future : futures) {
            try {
                future.get(5, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a request failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("a request got no answer within 5 minutes", e);
            }
        }
    }

    @Override
    public void close() {
        informer.close();
        creators.shutdownNow();
    }
}

package dev.clusteripam.bench.chaos;

import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.bench.chaos.ClusterState.Claim;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Makes claims and waits for them, through an API server that may be away for a while: a create
 * that fails for want of the server is sent again until its deadline.
 */
final class Claims {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Long> readyNanos = new ConcurrentHashMap<>();

    Claims(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    static IPAddressClaim claim(String namespace, String name, String poolKind, String poolName) {
        IPAddressClaim claim = new IPAddressClaim();
        claim.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        IPAddressClaimSpec spec = new IPAddressClaimSpec();
        spec.setPoolRef(new IPPoolReference("ipam.cluster.x-k8s.io", poolKind, poolName));
        claim.setSpec(spec);
        return claim;
    }

    /** Creates the claim, sending it again while the API server is away; an earlier attempt that got through counts. */
    void create(String name, String poolName, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                client.resource(claim(namespace, name, Pools.IP_POOL, poolName)).create();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("claim " + name + " could not be created within " + patience + ": "
                            + Bounded.text(String.valueOf(e.getMessage())), e);
                }
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    void delete(Collection<String> names) {
        names.forEach(name -> client.resources(IPAddressClaim.class).inNamespace(namespace).withName(name).delete());
    }

    /**
     * Waits until every named claim has been seen Ready (polling the API server); returns the names
     * that were not within {@code timeout}. The time each was first seen Ready is kept.
     */
    Set<String> awaitReady(Collection<String> names, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> waiting = new HashSet<>(names);
        waiting.removeAll(readyNanos.keySet());
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            try {
                for (Claim claim : new ClusterReader(client).claimsIn(namespace)) {
                    if (claim.ready() && waiting.remove(claim.name())) {
                        readyNanos.putIfAbsent(claim.name(), now);
                    }
                }
            } catch (KubernetesClientException e) {
                // The API server is away; the deadline bounds the wait.
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(100);
            }
        }
        return waiting;
    }

    /** When the claim was first seen Ready, on this JVM's monotonic clock. */
    long readyNanos(String name) {
        return readyNanos.get(name);
    }

    static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
    }
}

package dev.clusteripam.bench.e2e;

import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.ConditionStatus;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimReference;
import dev.clusteripam.api.capi.IPAddressClaimSpec;
import dev.clusteripam.api.capi.IPAddressClaimStatus;
import dev.clusteripam.api.capi.IPAddressReference;
import dev.clusteripam.api.capi.IPAddressSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.core.ip.IpAddress;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The API server's raw capacity for what an allocation must write: per claim, create its
 * IPAddress and apply its status (addressRef and Ready, server-side apply as the provider's
 * framework does), from one client at the provider's default concurrency, no controller, no
 * reads. The claims exist beforehand (made outside the timing) and name a pool kind no provider serves.
 */
final class WriteCeiling {

    static final String POOL_GROUP = "bench.cluster-ipam.dev";
    static final String POOL_KIND = "CeilingPool";

    private final KubernetesClient client;
    private final String namespace;
    private final int concurrency;
    private final Map<String, Long> pids;
    /** 10.0.0.2, the first address the Fill pool hands out: the ceiling writes the same addresses. */
    private long nextAddress = 0x0A00_0002L;

    /** @param pids the processes whose CPU time is measured, by name */
    WriteCeiling(KubernetesClient client, String namespace, int concurrency, Map<String, Long> pids) {
        this.pids = pids;
        this.client = client;
        this.namespace = namespace;
        this.concurrency = concurrency;
    }

    /** Writes for {@code count} more claims; the result's claims/s is this step's ceiling. */
    StepResult step(String label, int count, long inUseAfter, int prepareThreads) throws InterruptedException {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add("ceiling-" + (inUseAfter - count + i));
        }
        ExecutorService preparers = Executors.newFixedThreadPool(prepareThreads);
        try {
            runAll(preparers, names, this::createClaim);
        } finally {
            preparers.shutdownNow();
        }

        Map<String, Long> latency = new ConcurrentHashMap<>();
        Map<String, String> addressOf = new ConcurrentHashMap<>();
        for (String name : names) {
            addressOf.put(name, IpAddress.ipv4(nextAddress++).toString());
        }
        ApiRequestCounts before = ApiRequestCounts.scrape(client);
        CpuTimes cpuBefore = CpuTimes.of(pids);
        ExecutorService writers = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        try {
            runAll(writers, names, name -> {
                long t0 = System.nanoTime();
                createAddress(name, addressOf.get(name));
                applyStatus(name);
                latency.put(name, System.nanoTime() - t0);
            });
        } finally {
            writers.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ApiRequestCounts spent = ApiRequestCounts.scrape(client).since(before);
        return StepResult.ceiling(label, count, inUseAfter, seconds, LatencySummary.ofNanos(latency.values()),
                spent.perClaimByVerb(count), spent.providerWritesPerClaim(count, 0), CpuTimes.of(pids).perClaimMillisSince(cpuBefore, count));
    }

    private void createClaim(String name) {
        IPAddressClaim claim = new IPAddressClaim();
        claim.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        claim.setSpec(new IPAddressClaimSpec());
        claim.getSpec().setPoolRef(new IPPoolReference(POOL_GROUP, POOL_KIND, "ceiling"));
        client.resource(claim).create();
    }

    private void createAddress(String name, String address) {
        IPAddress ipAddress = new IPAddress();
        ipAddress.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        IPAddressSpec spec = new IPAddressSpec();
        spec.setAddress(address);
        spec.setPrefix(16);
        spec.setGateway("10.0.0.1");
        IPAddressClaimReference claimRef = new IPAddressClaimReference();
        claimRef.setName(name);
        spec.setClaimRef(claimRef);
        spec.setPoolRef(new IPPoolReference(POOL_GROUP, POOL_KIND, "ceiling"));
        ipAddress.setSpec(spec);
        client.resource(ipAddress).create();
    }

    private void applyStatus(String name) {
        IPAddressClaim claim = new IPAddressClaim();
        claim.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        IPAddressClaimStatus status = new IPAddressClaimStatus();
        status.setAddressRef(new IPAddressReference(name));
        status.setConditions(List.of(new Condition("Ready", ConditionStatus.TRUE, "Allocated", "allocated", Instant.now())));
        claim.setStatus(status);
        PatchContext apply = PatchContext.of(PatchType.SERVER_SIDE_APPLY);
        apply.setFieldManager("bench-ceiling");
        apply.setForce(true);
        client.resource(claim).subresource("status").patch(apply);
    }

    private interface Write {
        void run(String name) throws Exception;
    }

    private static void runAll(ExecutorService threads, List<String> names, Write write) throws InterruptedException {
        List<Future<?>> futures = new ArrayList<>(names.size());
        for (String name : names) {
            futures.add(threads.submit(() -> {
                write.run(name);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a ceiling write failed: " + e.getCause(), e.getCause());
            }
        }
    }
}

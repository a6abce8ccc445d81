package dev.clusteripam.bench.e2e;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimReference;
import dev.clusteripam.api.capi.IPAddressClaimStatus;
import dev.clusteripam.api.capi.IPAddressReference;
import dev.clusteripam.api.capi.IPAddressSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpRange;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes, with no provider running, the state upstream's provider (v1.1 line: pkg/ipamutil's claim
 * reconciler and internal/controllers' address handler) leaves after serving claims of an
 * InClusterIPPool: each claim with the {@code ReleaseAddress} finalizer and {@code status.addressRef}
 * naming its IPAddress; each IPAddress named after its claim, holding the pool's lowest free
 * address (upstream's order), the pool's prefix and gateway, the claim as controller owner and the
 * pool as a second owner (not controller, blocking deletion), the {@code ProtectAddress} finalizer.
 * The claims carry no cluster-name label, so neither do the IPAddresses (upstream copies it only
 * from a claim that has it). Three writes per claim (claim create, IPAddress create, claim status),
 * claims in parallel on a bounded pool of writers.
 */
final class UpstreamShapedSeed {

    static final String RELEASE_ADDRESS_FINALIZER = "ipam.cluster.x-k8s.io/ReleaseAddress";
    static final String PROTECT_ADDRESS_FINALIZER = "ipam.cluster.x-k8s.io/ProtectAddress";

    /** What seeding left: every seeded claim's address and the resourceVersions written last, to see later what a provider rewrote. */
    record Seeded(Map<String, String> addressByClaim, Map<String, String> claimVersions, Map<String, String> addressVersions,
            double seconds) {

        double claimsPerSecond() {
            return addressByClaim.size() / seconds;
        }
    }

    private UpstreamShapedSeed() {
    }

    /**
     * Seeds claims {@code names.get(i)} with the pool's i-th lowest allocatable address, from
     * {@code writers} threads; returns when all are written.
     */
    static Seeded seed(KubernetesClient client, String namespace, InClusterIPPool pool, List<String> names, int writers) {
        List<IpAddress> addresses = lowestAllocatable(pool, names.size());
        Map<String, String> addressByClaim = new ConcurrentHashMap<>();
        Map<String, String> claimVersions = new ConcurrentHashMap<>();
        Map<String, String> addressVersions = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(writers, runnable -> {
            Thread thread = new Thread(runnable, "seed-writer");
            thread.setDaemon(true);
            return thread;
        });
        long started = System.nanoTime();
        try {
            List<Future<?>> written = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                String address = addresses.get(i).toString();
                written.add(threads.submit(() -> {
                    IPAddressClaim claim = client.resource(claim(namespace, name, pool)).create();
                    IPAddress ipAddress = client.resource(ipAddress(claim, pool, address)).create();
                    claim.setStatus(new IPAddressClaimStatus());
                    claim.getStatus().setAddressRef(new IPAddressReference(name));
                    IPAddressClaim served = client.resource(claim).updateStatus();
                    addressByClaim.put(name, address);
                    claimVersions.put(name, served.getMetadata().getResourceVersion());
                    addressVersions.put(name, ipAddress.getMetadata().getResourceVersion());
                }));
            }
            for (Future<?> future : written) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("seeding interrupted", e);
        } finally {
            threads.shutdownNow();
        }
        return new Seeded(Map.copyOf(addressByClaim), Map.copyOf(claimVersions), Map.copyOf(addressVersions),
                (System.nanoTime() - started) / 1e9);
    }

    /** The pool's {@code count} lowest addresses that it may hand out: the ones upstream hands out first, in its order. */
    static List<IpAddress> lowestAllocatable(InClusterIPPool pool, int count) {
        AddressPool model = AddressPoolValidator.validate(pool.getSpec().toAddressPoolSpec()).model()
                .orElseThrow(() -> new IllegalArgumentException("pool " + pool.getMetadata().getName() + " is not valid"));
        List<IpAddress> addresses = new ArrayList<>(count);
        for (IpRange range : model.allocatableRanges()) {
            Optional<IpAddress> next = Optional.of(range.first());
            while (addresses.size() < count && next.isPresent() && range.contains(next.get())) {
                addresses.add(next.get());
                next = next.get().next();
            }
        }
        if (addresses.size() < count) {
            throw new IllegalArgumentException("pool " + pool.getMetadata().getName() + " has " + addresses.size()
                    + " allocatable addresses, fewer than " + count);
        }
        return addresses;
    }

    /** A claim of {@code pool} as upstream leaves it once its first reconcile added the finalizer (status comes after). */
    static IPAddressClaim claim(String namespace, String name, InClusterIPPool pool) {
        IPAddressClaim claim = new ClaimRequest(name, BenchPools.IP_POOL, pool.getMetadata().getName()).toClaim(namespace);
        claim.getMetadata().setFinalizers(List.of(RELEASE_ADDRESS_FINALIZER));
        return claim;
    }

    /** The IPAddress upstream creates for {@code claim} (as created: uid known) with {@code address} of {@code pool}. */
    static IPAddress ipAddress(IPAddressClaim claim, InClusterIPPool pool, String address) {
        IPAddress ipAddress = new IPAddress();
        ipAddress.getMetadata().setName(claim.getMetadata().getName());
        ipAddress.getMetadata().setNamespace(claim.getMetadata().getNamespace());
        ipAddress.getMetadata().setOwnerReferences(List.of(owner(claim, true), owner(pool, false)));
        ipAddress.getMetadata().setFinalizers(List.of(PROTECT_ADDRESS_FINALIZER));
        IPAddressSpec spec = new IPAddressSpec();
        spec.setClaimRef(new IPAddressClaimReference(claim.getMetadata().getName()));
        spec.setPoolRef(new IPPoolReference(ClaimRequest.GROUP, BenchPools.IP_POOL, pool.getMetadata().getName()));
        spec.setAddress(address);
        spec.setPrefix(pool.getSpec().getPrefix());
        spec.setGateway(pool.getSpec().getGateway());
        ipAddress.setSpec(spec);
        return ipAddress;
    }

    /** controllerutil's owner references: the claim as controller, the pool not, both blocking the owner's deletion. */
    private static OwnerReference owner(HasMetadata owner, boolean controller) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(controller)
                .withBlockOwnerDeletion(true).build();
    }
}

package dev.clusteripam.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Given pools and claims on the real API server, when the provider runs, then these addresses: the test vocabulary. */
final class ClaimScenarios {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final KubernetesClient client;

    ClaimScenarios(KubernetesClient client) {
        this.client = client;
    }

    InClusterIPPool ipPool(String name, int prefix, List<String> addresses, Optional<String> gateway) {
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(addresses, prefix);
        gateway.ifPresent(spec::setGateway);
        return ipPool(name, spec);
    }

    InClusterIPPool ipPool(String name, InClusterIPPoolSpec spec) {
        InClusterIPPool pool = new InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).build());
        pool.setSpec(spec);
        return client.resource(pool).create();
    }

    InClusterPrefixPool prefixPool(String name, int length, List<String> prefixes, List<String> excluded) {
        InClusterPrefixPool pool = new InClusterPrefixPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).build());
        InClusterPrefixPoolSpec spec = new InClusterPrefixPoolSpec();
        spec.setPrefixes(prefixes);
        spec.setAllocationPrefixLength(length);
        spec.setExcludedPrefixes(excluded);
        pool.setSpec(spec);
        return client.resource(pool).create();
    }

    IPAddressClaim claim(String name, String group, String kind, String pool, Map<String, String> labels) {
        IPAddressClaim claim = new IPAddressClaim();
        claim.setMetadata(new ObjectMetaBuilder().withName(name).withLabels(labels).build());
        IPAddressClaimSpec spec = new IPAddressClaimSpec();
        spec.setPoolRef(new IPPoolReference(group, kind, pool));
        claim.setSpec(spec);
        return client.resource(claim).create();
    }

    /** A claim of one of our pools that carries {@code annotations}: a requested address, say. */
    IPAddressClaim claim(String name, String kind, String pool, Map<String, String> annotations) {
        IPAddressClaim claim = new IPAddressClaim();
        claim.setMetadata(new ObjectMetaBuilder().withName(name).withAnnotations(annotations).build());
        IPAddressClaimSpec spec = new IPAddressClaimSpec();
        spec.setPoolRef(new IPPoolReference("ipam.cluster.x-k8s.io", kind, pool));
        claim.setSpec(spec);
        return client.resource(claim).create();
    }

    IPAddressClaim claim(String name, String kind, String pool) {
        return claim(name, "ipam.cluster.x-k8s.io", kind, pool, Map.of());
    }

    /** Waits until the claim is Ready and returns its IPAddress. */
    IPAddress awaitAddress(String claim) {
        await().atMost(PATIENCE).until(() -> readyCondition(claim).map(c -> "True".equals(c.getStatus().toString())
                || c.getStatus().name().equals("TRUE")).orElse(false));
        IPAddressClaim current = client.resources(IPAddressClaim.class).withName(claim).get();
        assertThat(current.getStatus().getAddressRef().getName()).isEqualTo(claim);
        return client.resources(IPAddress.class).withName(claim).get();
    }

    /** Waits until the claim's Ready condition is False with {@code reason}, and returns its message. */
    String awaitNotReady(String claim, String reason) {
        await().atMost(PATIENCE).until(() -> readyCondition(claim)
                .map(c -> c.getStatus().name().equals("FALSE") && reason.equals(c.getReason())).orElse(false));
        return readyCondition(claim).orElseThrow().getMessage();
    }

    Optional<Condition> readyCondition(String claim) {
        IPAddressClaim current = client.resources(IPAddressClaim.class).withName(claim).get();
        if (current == null || current.getStatus() == null || current.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return current.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    void deleteClaim(String claim) {
        client.resources(IPAddressClaim.class).withName(claim).delete();
        await().atMost(PATIENCE).until(() -> client.resources(IPAddressClaim.class).withName(claim).get() == null);
    }
}

package dev.clusteripam.testing.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.util.Map;

/** Cluster API IPAM objects as untyped resources, until the api module has their model. */
final class ClusterApiObjects {

    static final String IPAM_V1BETA2 = "ipam.cluster.x-k8s.io/v1beta2";
    static final String CLUSTER_V1BETA2 = "cluster.x-k8s.io/v1beta2";

    private ClusterApiObjects() {}

    static MixedOperation<
                    GenericKubernetesResource,
                    GenericKubernetesResourceList,
                    Resource<GenericKubernetesResource>>
            claims(KubernetesClient client) {
        return client.genericKubernetesResources(IPAM_V1BETA2, "IPAddressClaim");
    }

    static MixedOperation<
                    GenericKubernetesResource,
                    GenericKubernetesResourceList,
                    Resource<GenericKubernetesResource>>
            addresses(KubernetesClient client) {
        return client.genericKubernetesResources(IPAM_V1BETA2, "IPAddress");
    }

    /** A claim for an address from the InClusterIPPool {@code pool}. */
    static GenericKubernetesResource claim(String name, String pool) {
        return object(IPAM_V1BETA2, "IPAddressClaim", name, Map.of("poolRef", poolRef(pool)));
    }

    /** The address that a provider would create for claim {@code name}. */
    static GenericKubernetesResource address(String name, String address, int prefix, String pool) {
        return object(
                IPAM_V1BETA2,
                "IPAddress",
                name,
                Map.of(
                        "address",
                        address,
                        "prefix",
                        prefix,
                        "claimRef",
                        Map.of("name", name),
                        "poolRef",
                        poolRef(pool)));
    }

    static GenericKubernetesResource object(
            String apiVersion, String kind, String name, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    private static Map<String, Object> poolRef(String pool) {
        return Map.of("apiGroup", "ipam.cluster.x-k8s.io", "kind", "InClusterIPPool", "name", pool);
    }
}

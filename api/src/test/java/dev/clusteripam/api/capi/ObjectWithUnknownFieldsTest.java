package dev.clusteripam.api.capi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Cluster API objects survive reading into the model and writing back, fields the model does not name included. */
class ObjectWithUnknownFieldsTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static final String CLAIM = """
            {"apiVersion": "ipam.cluster.x-k8s.io/v1beta2", "kind": "IPAddressClaim",
             "metadata": {"name": "machine-0-eth0", "namespace": "default",
                          "labels": {"cluster.x-k8s.io/cluster-name": "cluster-a"}},
             "spec": {"clusterName": "cluster-a",
                      "poolRef": {"apiGroup": "ipam.cluster.x-k8s.io", "kind": "InClusterIPPool", "name": "pool-a"},
                      "aFutureField": {"nested": [1, 2]}},
             "status": {"addressRef": {"name": "machine-0-eth0"},
                        "conditions": [{"type": "Ready", "status": "True", "reason": "Allocated", "message": "",
                                        "lastTransitionTime": "2025-05-01T10:00:00Z", "observedGeneration": 1}],
                        "deprecated": {"v1beta1": {"conditions": [{"type": "Ready", "status": "True",
                                                   "lastTransitionTime": "2025-05-01T10:00:00Z"}]}}}}
            """;

    @Test
    void aClaimWritesBackEveryFieldItWasReadWith() {
        IPAddressClaim claim = SERIALIZATION.unmarshal(CLAIM, IPAddressClaim.class);

        assertThat(written(claim))
                .isEqualTo(SERIALIZATION.unmarshal(CLAIM, JsonNode.class));
        assertThat(claim.getSpec().getUnknownFields()).containsOnlyKeys("aFutureField");
        assertThat(claim.getStatus().getUnknownFields()).containsOnlyKeys("deprecated");
    }

    @Test
    void aClaimReadsIntoTypedFields() {
        IPAddressClaim claim = SERIALIZATION.unmarshal(CLAIM, IPAddressClaim.class);

        assertThat(claim.getSpec().getPoolRef())
                .isEqualTo(new IPPoolReference("ipam.cluster.x-k8s.io", "InClusterIPPool", "pool-a"));
        assertThat(claim.getSpec().getClusterName()).isEqualTo("cluster-a");
        assertThat(claim.getStatus().getAddressRef()).isEqualTo(new IPAddressReference("machine-0-eth0"));
        Condition ready = claim.getStatus().getConditions().get(0);
        assertThat(ready.getStatus()).isEqualTo(ConditionStatus.TRUE);
        assertThat(ready.getLastTransitionTime()).isEqualTo(Instant.parse("2025-05-01T10:00:00Z"));
        assertThat(ready.getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void anAddressWritesBackUnchanged() {
        String json = """
                {"apiVersion": "ipam.cluster.x-k8s.io/v1beta2", "kind": "IPAddress",
                 "metadata": {"name": "machine-0-eth0", "namespace": "default"},
                 "spec": {"address": "10.0.0.2", "prefix": 24, "gateway": "10.0.0.1",
                          "claimRef": {"name": "machine-0-eth0"},
                          "poolRef": {"apiGroup": "ipam.cluster.x-k8s.io", "kind": "InClusterIPPool",
                                      "name": "pool-a"}}}
                """;

        IPAddress address = SERIALIZATION.unmarshal(json, IPAddress.class);

        assertThat(written(address))
                .isEqualTo(SERIALIZATION.unmarshal(json, JsonNode.class));
        assertThat(address.getSpec().getPrefix()).isEqualTo(24);
    }

    @Test
    void aClusterReadsWhetherItIsPausedAndSkipsItsStatus() {
        Cluster cluster = SERIALIZATION.unmarshal("""
                {"apiVersion": "cluster.x-k8s.io/v1beta2", "kind": "Cluster",
                 "metadata": {"name": "cluster-a", "namespace": "default"},
                 "spec": {"paused": true, "clusterNetwork": {"pods": {"cidrBlocks": ["192.168.0.0/16"]}}},
                 "status": {"phase": "Provisioned", "initialization": {"infrastructureProvisioned": true}}}
                """, Cluster.class);

        assertThat(cluster.getSpec().getPaused()).isTrue();
        assertThat(cluster.getSpec().getUnknownFields()).containsOnlyKeys("clusterNetwork");
        assertThat(cluster.getStatus()).isNull();
    }

    /** The JSON an object is written as, parsed back, so that numbers compare by value. */
    private static JsonNode written(Object object) {
        return SERIALIZATION.unmarshal(SERIALIZATION.asJson(object), JsonNode.class);
    }
}

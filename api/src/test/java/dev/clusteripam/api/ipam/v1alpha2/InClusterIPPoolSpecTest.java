package dev.clusteripam.api.ipam.v1alpha2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.AddressSubnetSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InClusterIPPoolSpecTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void anUpstreamManifestReadsIntoTheModelAndWritesBackUnchanged() throws IOException {
        JsonNode manifest = sample("ipv4-pool.yaml");

        InClusterIPPool pool = SERIALIZATION.convertValue(manifest, InClusterIPPool.class);

        assertThat(written(pool)).isEqualTo(manifest);
        assertThat(pool.getSpec().getAddresses()).containsExactly("10.0.0.0/25", "10.0.0.200-10.0.0.220", "10.0.0.250");
        assertThat(pool.getSpec().getAllocateReservedIPAddresses()).isFalse();
        assertThat(pool.getSpec().getAddressReuseGracePeriodSeconds()).isEqualTo(60);
    }

    @Test
    void everyFieldReachesTheCoresPoolSpec() throws IOException {
        InClusterIPPoolSpec spec =
                SERIALIZATION.convertValue(sample("ipv4-pool.yaml"), InClusterIPPool.class).getSpec();

        assertThat(spec.toAddressPoolSpec()).isEqualTo(new AddressPoolSpec(
                List.of("10.0.0.0/25", "10.0.0.200-10.0.0.220", "10.0.0.250"),
                24,
                Optional.of("10.0.0.1"),
                List.of("10.0.0.10-10.0.0.19", "10.0.0.50"),
                false,
                OptionalLong.of(60),
                List.of()));
    }

    @Test
    void subnetsReachTheCoreInOrderAfterTheTopLevelFields() {
        InClusterIPPool pool = SERIALIZATION.unmarshal("""
                {"apiVersion": "ipam.cluster.x-k8s.io/v1alpha2", "kind": "InClusterIPPool",
                 "metadata": {"name": "pool"},
                 "spec": {"addresses": ["10.0.0.0/24"], "prefix": 24, "gateway": "10.0.0.1",
                          "subnets": [{"addresses": ["10.0.1.0/24"], "prefix": 24, "gateway": "10.0.1.1",
                                       "excludedAddresses": ["10.0.1.9"]},
                                      {"addresses": ["10.0.2.10-10.0.2.20"], "prefix": 23, "gateway": ""}]}}
                """, InClusterIPPool.class);

        assertThat(pool.getSpec().toAddressPoolSpec().allSubnets()).containsExactly(
                new AddressSubnetSpec(List.of("10.0.0.0/24"), 24, Optional.of("10.0.0.1"), List.of()),
                new AddressSubnetSpec(List.of("10.0.1.0/24"), 24, Optional.of("10.0.1.1"), List.of("10.0.1.9")),
                new AddressSubnetSpec(List.of("10.0.2.10-10.0.2.20"), 23, Optional.empty(), List.of()));
    }

    @Test
    void absentFieldsReachTheCoreAsUpstreamReadsThem() {
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec();

        assertThat(spec.toAddressPoolSpec()).isEqualTo(AddressPoolSpec.of(List.of(), 0));
    }

    @Test
    void anEmptyGatewayIsNoGateway() {
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of("10.0.0.0/24"), 24);
        spec.setGateway("");

        assertThat(spec.toAddressPoolSpec().gateway()).isEmpty();
    }

    @Test
    void fieldsANewerCrdAddsAreIgnoredOnReading() {
        InClusterIPPool pool = SERIALIZATION.unmarshal("""
                {"apiVersion": "ipam.cluster.x-k8s.io/v1alpha2", "kind": "InClusterIPPool",
                 "metadata": {"name": "pool"},
                 "spec": {"addresses": ["10.0.0.0/24"], "prefix": 24, "laterField": true},
                 "status": {"ipAddresses": {"total": 254, "free": 254, "used": 0, "outOfRange": 0, "later": 1}}}
                """, InClusterIPPool.class);

        assertThat(pool.getSpec()).isEqualTo(new InClusterIPPoolSpec(List.of("10.0.0.0/24"), 24));
        assertThat(pool.getStatus().getIpAddresses()).isEqualTo(new IPAddressCounts(254, 254, 0, 0));
    }

    static JsonNode sample(String name) throws IOException {
        try (InputStream in = InClusterIPPoolSpecTest.class.getResourceAsStream("/samples/" + name)) {
            return SERIALIZATION.unmarshal(in, JsonNode.class);
        }
    }

    /** The JSON an object is written as, parsed back, so that numbers compare by value. */
    private static JsonNode written(Object object) {
        return SERIALIZATION.unmarshal(SERIALIZATION.asJson(object), JsonNode.class);
    }
}

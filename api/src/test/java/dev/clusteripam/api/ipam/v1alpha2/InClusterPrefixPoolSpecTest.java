package dev.clusteripam.api.ipam.v1alpha2;

import static dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpecTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clusteripam.core.pool.PrefixPoolSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class InClusterPrefixPoolSpecTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void anUpstreamManifestReadsIntoTheModelAndWritesBackUnchanged() throws IOException {
        JsonNode manifest = sample("prefix-pool.yaml");

        InClusterPrefixPool pool = SERIALIZATION.convertValue(manifest, InClusterPrefixPool.class);

        assertThat(written(pool)).isEqualTo(manifest);
    }

    @Test
    void everyFieldReachesTheCoresPoolSpec() throws IOException {
        InClusterPrefixPoolSpec spec =
                SERIALIZATION.convertValue(sample("prefix-pool.yaml"), InClusterPrefixPool.class).getSpec();

        assertThat(spec.toPrefixPoolSpec()).isEqualTo(new PrefixPoolSpec(
                List.of("fd00:1::/48"), OptionalInt.of(64), List.of("fd00:1:0:1::/64"), Optional.of("fd00:1::1")));
    }

    @Test
    void anAbsentLengthReachesTheCoreAsTheDefault() {
        InClusterPrefixPoolSpec spec = new InClusterPrefixPoolSpec();
        spec.setPrefixes(List.of("fd00::/48"));

        PrefixPoolSpec core = spec.toPrefixPoolSpec();

        assertThat(core.allocationPrefixLength()).isEmpty();
        assertThat(core.effectiveAllocationPrefixLength()).isEqualTo(64);
        assertThat(core.excludedPrefixes()).isEmpty();
        assertThat(core.gateway()).isEmpty();
    }

    /** The JSON an object is written as, parsed back, so that numbers compare by value. */
    private static JsonNode written(Object object) {
        return SERIALIZATION.unmarshal(SERIALIZATION.asJson(object), JsonNode.class);
    }
}

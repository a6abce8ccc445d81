package dev.clusteripam.webhook.admission;

import static dev.clusteripam.webhook.testing.Pools.prefixPool;
import static dev.clusteripam.webhook.testing.Pools.prefixes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPool;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrefixPoolDefaultingTest {

    private final PrefixPoolDefaulting defaulting = new PrefixPoolDefaulting();

    @Test
    void aZeroAllocationLengthBecomes64() {
        AdmissionVerdict verdict = defaulting.admit(AdmissionRequests.create(prefixPool("ns", "pool", prefixes(0, "fd00::/48"))));

        assertThat(verdict.jsonPatch()).hasValue("[{\"op\":\"add\",\"path\":\"/spec/allocationPrefixLength\",\"value\":64}]");
    }

    @Test
    void anAbsentAllocationLengthBecomes64() {
        InClusterPrefixPool pool = prefixPool("ns", "pool", prefixes(64, "fd00::/48"));
        pool.getSpec().setAllocationPrefixLength(null);

        assertThat(defaulting.admit(AdmissionRequests.create(pool)).jsonPatch())
                .hasValue("[{\"op\":\"add\",\"path\":\"/spec/allocationPrefixLength\",\"value\":64}]");
    }

    @Test
    void aPoolWithoutSpecGetsOneWithTheLength() {
        AdmissionRequest request = AdmissionRequests.create(prefixPool("ns", "pool", prefixes(64, "fd00::/48")));
        request.setObject(Map.of("metadata", Map.of("name", "pool")));

        assertThat(defaulting.admit(request).jsonPatch())
                .hasValue("[{\"op\":\"add\",\"path\":\"/spec\",\"value\":{\"allocationPrefixLength\":64}}]");
    }

    @Test
    void aGivenLengthStays() {
        AdmissionVerdict verdict = defaulting.admit(AdmissionRequests.create(prefixPool("ns", "pool", prefixes(56, "fd00::/48"))));

        assertThat(verdict).isEqualTo(AdmissionVerdict.allow(List.of()));
    }
}

package dev.clusteripam.controller.decoding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The provider decodes objects without their managed fields ({@link TolerantDecoding}) and writes
 * some of them back whole (the ledger's blocks are updated with the resourceVersion read). On the
 * real API server, such an update leaves the object's managed fields as they were, and a patch
 * adds the provider's own entry beside them.
 */
@WithKubernetes
class ManagedFieldsOnWritesTest {

    @Test
    void anUpdateOrPatchOfAnObjectReadWithoutManagedFieldsKeepsThemOnTheServer(KubernetesClient client) {
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("block").endMetadata().withData(Map.of("a", "1", "kept", "x")).build())
                .fieldManager("someone-else").serverSideApply();
        assertThat(managersOf(client)).contains("someone-else");
        UndecodableObjects sink = new UndecodableObjects((object, failure) -> { });

        try (KubernetesClient provider = TolerantDecoding.client(client, Set.of(), sink)) {
            ConfigMap read = provider.configMaps().withName("block").get();
            assertThat(read.getMetadata().getManagedFields()).isNullOrEmpty();

            read.getData().put("a", "2");
            provider.resource(read).update();
            provider.configMaps().withName("block").edit(map -> new ConfigMapBuilder(map).addToData("b", "3").build());
        }

        ConfigMap stored = client.configMaps().withName("block").get();
        assertThat(stored.getData()).containsEntry("a", "2").containsEntry("b", "3");
        assertThat(managersOf(client)).as("the first writer keeps the field nobody else wrote").contains("someone-else").hasSizeGreaterThan(1);
    }

    private static Set<String> managersOf(KubernetesClient client) {
        return Set.copyOf(client.configMaps().withName("block").get().getMetadata().getManagedFields().stream()
                .map(ManagedFieldsEntry::getManager).toList());
    }
}

package dev.clusteripam.controller.address;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.api.capi.IPAddress;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import org.junit.jupiter.api.Test;

class WithoutManagedFieldsTest {

    @Test
    void keepsAnObjectUnderItsNamespaceAndNameWithoutItsFieldOwnership() {
        WithoutManagedFields<IPAddress> store = new WithoutManagedFields<>();
        IPAddress address = new IPAddress();
        address.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName("machine-0").withResourceVersion("7")
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("cluster-ipam").withOperation("Apply").build())
                .build());

        store.put(store.getKey(address), address);

        IPAddress kept = store.get("ns/machine-0");
        assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(store.getKey(address)).isEqualTo(Cache.metaNamespaceKeyFunc(address));
    }
}

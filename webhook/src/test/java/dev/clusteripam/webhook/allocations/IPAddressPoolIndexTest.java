package dev.clusteripam.webhook.allocations;

import dev.clusteripam.api.ipam.PoolKind;
import static dev.clusteripam.webhook.testing.Pools.ipAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusteripam.api.capi.IPAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IPAddressPoolIndexTest {

    @Test
    void anAddressOfANamespacedPoolIsKeyedByItsOwnNamespace() {
        IPAddress address = ipAddress("tenant-a", "m-1", "InClusterIPPool", "pool", "10.0.0.2", 24);

        assertThat(IPAddressPoolIndex.keysOf(address)).containsExactly("InClusterIPPool/tenant-a/pool");
        assertThat(IPAddressPoolIndex.keyOf(PoolRef.of(PoolKind.IN_CLUSTER_IP_POOL, "tenant-a", "pool")))
                .isEqualTo("InClusterIPPool/tenant-a/pool");
    }

    @Test
    void anAddressOfAGlobalPoolIsKeyedWithoutNamespace() {
        IPAddress address = ipAddress("tenant-a", "m-1", "GlobalInClusterPrefixPool", "pool", "fd00::", 64);

        assertThat(IPAddressPoolIndex.keysOf(address)).containsExactly("GlobalInClusterPrefixPool//pool");
        assertThat(IPAddressPoolIndex.poolOf(address))
                .hasValue(new PoolRef(PoolKind.GLOBAL_IN_CLUSTER_PREFIX_POOL, Optional.empty(), "pool"));
    }

    @Test
    void anAddressOfAnotherProvidersPoolIsNotIndexed() {
        IPAddress otherKind = ipAddress("ns", "m-1", "Metal3IPPool", "pool", "10.0.0.2", 24);
        IPAddress otherGroup = ipAddress("ns", "m-2", "InClusterIPPool", "pool", "10.0.0.3", 24);
        otherGroup.getSpec().getPoolRef().setApiGroup("ipam.metal3.io");
        IPAddress noPool = ipAddress("ns", "m-3", "InClusterIPPool", "pool", "10.0.0.4", 24);
        noPool.getSpec().setPoolRef(null);

        assertThat(IPAddressPoolIndex.keysOf(otherKind)).isEmpty();
        assertThat(IPAddressPoolIndex.keysOf(otherGroup)).isEmpty();
        assertThat(IPAddressPoolIndex.keysOf(noPool)).isEmpty();
    }

    @Test
    void aPoolRefHasANamespaceExactlyWhenItsKindIsNamespaced() {
        assertThat(PoolRef.of(PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, "ignored", "pool").namespace()).isEmpty();
        assertThat(PoolRef.of(PoolKind.IN_CLUSTER_PREFIX_POOL, "ns", "pool")).hasToString("InClusterPrefixPool \"ns/pool\"");
        assertThatThrownBy(() -> new PoolRef(PoolKind.IN_CLUSTER_IP_POOL, Optional.empty(), "pool"))
                .hasMessage("InClusterIPPool needs a namespace");
    }
}

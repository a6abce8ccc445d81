package dev.clusteripam.api.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

/** The one pool vocabulary: which pool an IPAddress names, and the keys the controller's and the webhook's indexes use. */
class PoolIdentityTest {

    @Test
    void anAddressOfANamespacedPoolNamesThePoolOfItsOwnNamespace() {
        IPAddress address = ipAddress("tenant-a", new IPPoolReference(IpamGroup.NAME, "InClusterIPPool", "pool"));

        assertThat(PoolIdentity.namedBy(address)).hasValue(PoolIdentity.of(PoolKind.IN_CLUSTER_IP_POOL, "tenant-a", "pool"));
        assertThat(PoolIdentity.namedBy(address).orElseThrow().indexKey()).isEqualTo("InClusterIPPool/tenant-a/pool");
    }

    @Test
    void anAddressOfAGlobalPoolNamesItWithoutNamespace() {
        IPAddress address = ipAddress("tenant-a", new IPPoolReference(IpamGroup.NAME, "GlobalInClusterPrefixPool", "pool"));

        assertThat(PoolIdentity.namedBy(address)).hasValue(new PoolIdentity(PoolKind.GLOBAL_IN_CLUSTER_PREFIX_POOL, "", "pool"));
        assertThat(PoolIdentity.namedBy(address).orElseThrow().indexKey()).isEqualTo("GlobalInClusterPrefixPool//pool");
    }

    @Test
    void anAddressOfAnotherProvidersPoolOrOfNoPoolNamesNoneOfOurs() {
        assertThat(PoolIdentity.namedBy(ipAddress("ns", new IPPoolReference(IpamGroup.NAME, "Metal3IPPool", "pool")))).isEmpty();
        assertThat(PoolIdentity.namedBy(ipAddress("ns", new IPPoolReference("ipam.metal3.io", "InClusterIPPool", "pool")))).isEmpty();
        assertThat(PoolIdentity.namedBy(ipAddress("ns", new IPPoolReference(IpamGroup.NAME, "InClusterIPPool", "")))).isEmpty();
        assertThat(PoolIdentity.namedBy(ipAddress("ns", null))).isEmpty();
    }

    @Test
    void aPoolHasANamespaceExactlyWhenItsKindIsNamespaced() {
        assertThat(PoolIdentity.of(PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, "ignored", "pool").namespace()).isEmpty();
        assertThat(PoolIdentity.of(PoolKind.IN_CLUSTER_PREFIX_POOL, "ns", "pool").quoted()).isEqualTo("InClusterPrefixPool \"ns/pool\"");
        assertThat(PoolIdentity.of(PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, null, "pool")).hasToString("GlobalInClusterIPPool/pool");
        assertThatThrownBy(() -> new PoolIdentity(PoolKind.IN_CLUSTER_IP_POOL, "", "pool"))
                .hasMessage("InClusterIPPool pool needs a namespace");
    }

    private static IPAddress ipAddress(String namespace, IPPoolReference pool) {
        IPAddress address = new IPAddress();
        address.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName("m-1").build());
        IPAddressSpec spec = new IPAddressSpec();
        spec.setAddress("10.0.0.2");
        spec.setPrefix(24);
        spec.setPoolRef(pool);
        address.setSpec(spec);
        return address;
    }
}

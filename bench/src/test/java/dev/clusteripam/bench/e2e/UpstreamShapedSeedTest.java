package dev.clusteripam.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.core.ip.IpAddress;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamShapedSeedTest {

    @Test
    void theSeededAddressesAreThePoolsLowestAllocatableOnesSkippingTheNetworkAddressAndTheGateway() {
        InClusterIPPool pool = pool("10.0.0.0/16", "10.0.0.1");

        List<String> addresses = UpstreamShapedSeed.lowestAllocatable(pool, 300).stream().map(IpAddress::toString).toList();

        assertThat(addresses).hasSize(300).startsWith("10.0.0.2", "10.0.0.3").endsWith("10.0.1.45").doesNotHaveDuplicates();
    }

    @Test
    void aPoolTooSmallForTheSeedIsRefusedNamingItsSize() {
        assertThatThrownBy(() -> UpstreamShapedSeed.lowestAllocatable(pool("10.9.0.0/29", "10.9.0.1"), 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 5 allocatable addresses, fewer than 6");
    }

    @Test
    void theClaimAndItsIpAddressHaveUpstreamsFinalizersOwnersAndReferences() {
        InClusterIPPool pool = pool("10.0.0.0/16", "10.0.0.1");
        pool.getMetadata().setUid("pool-uid");
        IPAddressClaim claim = UpstreamShapedSeed.claim("bench", "fill-00001", pool);
        claim.getMetadata().setUid("claim-uid");

        IPAddress address = UpstreamShapedSeed.ipAddress(claim, pool, "10.0.0.2");

        assertThat(claim.getMetadata().getFinalizers()).containsExactly("ipam.cluster.x-k8s.io/ReleaseAddress");
        assertThat(claim.getSpec().getPoolRef().getKind()).isEqualTo("InClusterIPPool");
        assertThat(address.getMetadata().getName()).isEqualTo("fill-00001");
        assertThat(address.getMetadata().getNamespace()).isEqualTo("bench");
        assertThat(address.getMetadata().getFinalizers()).containsExactly("ipam.cluster.x-k8s.io/ProtectAddress");
        assertThat(address.getMetadata().getLabels()).isNullOrEmpty();
        List<OwnerReference> owners = address.getMetadata().getOwnerReferences();
        assertThat(owners).extracting(OwnerReference::getApiVersion, OwnerReference::getKind, OwnerReference::getName,
                OwnerReference::getUid, OwnerReference::getController, OwnerReference::getBlockOwnerDeletion).containsExactly(
                        tuple("ipam.cluster.x-k8s.io/v1beta2", "IPAddressClaim", "fill-00001", "claim-uid", true, true),
                        tuple("ipam.cluster.x-k8s.io/v1alpha2", "InClusterIPPool", "pool", "pool-uid", false, true));
        assertThat(address.getSpec().getAddress()).isEqualTo("10.0.0.2");
        assertThat(address.getSpec().getPrefix()).isEqualTo(16);
        assertThat(address.getSpec().getGateway()).isEqualTo("10.0.0.1");
        assertThat(address.getSpec().getClaimRef().getName()).isEqualTo("fill-00001");
        assertThat(address.getSpec().getPoolRef().getApiGroup()).isEqualTo("ipam.cluster.x-k8s.io");
        assertThat(address.getSpec().getPoolRef().getKind()).isEqualTo("InClusterIPPool");
        assertThat(address.getSpec().getPoolRef().getName()).isEqualTo("pool");
    }

    private static InClusterIPPool pool(String cidr, String gateway) {
        InClusterIPPool pool = new InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName("pool").withNamespace("bench").build());
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of(cidr), Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1)));
        spec.setGateway(gateway);
        pool.setSpec(spec);
        return pool;
    }
}

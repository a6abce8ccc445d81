package dev.clusteripam.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.core.pool.PoolUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** One pool's series: its status counts by state and its counters, all gone with the pool. */
class PoolMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PoolMeters pools = new PoolMeters(registry);
    private final PoolIdentity global = new PoolIdentity(PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, "", "shared");

    @Test
    void theGaugesShowTheLastCountsByState() {
        pools.usage(global, new PoolUsage(10, 3, 1, 8));
        pools.usage(global, new PoolUsage(10, 4, 1, 7));

        assertThat(state("total")).isEqualTo(10);
        assertThat(state("used")).isEqualTo(4);
        assertThat(state("outOfRange")).isEqualTo(1);
        assertThat(state("free")).isEqualTo(7);
        assertThat(registry.get(PoolMeters.ADDRESSES).tag("state", "free").gauge().getId().getTag("namespace"))
                .as("a global pool's namespace label is empty").isEmpty();
    }

    @Test
    void aDeletedPoolLeavesNoSeries() {
        pools.usage(global, new PoolUsage(10, 3, 1, 8));
        pools.allocated(global);
        pools.released(global);

        pools.gone(global);

        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void countersCountPerPool() {
        PoolIdentity other = new PoolIdentity(PoolKind.IN_CLUSTER_IP_POOL, "ns", "shared");
        pools.allocated(global);
        pools.allocated(global);
        pools.allocated(other);
        pools.released(other);

        assertThat(registry.get(PoolMeters.ALLOCATIONS).tag("kind", "GlobalInClusterIPPool").counter().count()).isEqualTo(2);
        assertThat(registry.get(PoolMeters.ALLOCATIONS).tag("kind", "InClusterIPPool").counter().count()).isEqualTo(1);
        assertThat(registry.get(PoolMeters.RELEASES).tag("kind", "InClusterIPPool").counter().count()).isEqualTo(1);
    }

    @Test
    void onlyAGlobalPoolCountsNamespaceRefusalsAndAddressesOutsideItsSelector() {
        PoolIdentity namespaced = new PoolIdentity(PoolKind.IN_CLUSTER_IP_POOL, "ns", "local");
        pools.usage(namespaced, new PoolUsage(10, 0, 0, 10));
        pools.usage(global, new PoolUsage(10, 0, 0, 10));

        assertThat(registry.get(PoolMeters.NAMESPACE_REFUSALS).tag("pool", "shared").counter().count())
                .as("registered at 0 with the pool's series").isZero();
        pools.namespaceRefused(global);
        pools.namespaceRefused(global);
        pools.outsideSelector(global, 3);

        assertThat(registry.get(PoolMeters.NAMESPACE_REFUSALS).tag("pool", "shared").counter().count()).isEqualTo(2);
        assertThat(registry.get(PoolMeters.OUTSIDE_SELECTOR).tag("pool", "shared").gauge().value()).isEqualTo(3);
        assertThat(registry.find(PoolMeters.NAMESPACE_REFUSALS).tag("pool", "local").counter()).isNull();
        assertThat(registry.find(PoolMeters.OUTSIDE_SELECTOR).tag("pool", "local").gauge()).isNull();
        pools.gone(global);
        assertThat(registry.find(PoolMeters.NAMESPACE_REFUSALS).meters()).isEmpty();
    }

    private double state(String state) {
        return registry.get(PoolMeters.ADDRESSES).tags("pool", "shared", "state", state).gauge().value();
    }
}

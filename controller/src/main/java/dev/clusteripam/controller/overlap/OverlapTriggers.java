package dev.clusteripam.controller.overlap;

import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.Set;

/**
 * Reconciles the pools of one kind whose overlaps may have changed (another pool came, changed or
 * went), so that their {@code Overlapping} condition follows. Listens only while the controller runs.
 */
public final class OverlapTriggers<P extends HasMetadata> extends SimpleInboundEventSource<P> implements OverlappingPools.Listener {

    private final OverlappingPools pools;
    private final PoolKind kind;

    public OverlapTriggers(OverlappingPools pools, PoolKind kind) {
        super("overlaps");
        this.pools = pools;
        this.kind = kind;
    }

    @Override
    public void start() {
        // The controller's reconciles begin once every event source has started: none before every pool is known.
        pools.awaitSynced();
        super.start();
        pools.addListener(this);
    }

    @Override
    public void stop() {
        pools.removeListener(this);
        super.stop();
    }

    @Override
    public void overlapsChanged(Set<PoolIdentity> concerned) {
        for (PoolIdentity pool : concerned) {
            if (pool.kind() == kind) {
                propagateEvent(kind.isNamespaced() ? new ResourceID(pool.name(), pool.namespace()) : new ResourceID(pool.name()));
            }
        }
    }
}

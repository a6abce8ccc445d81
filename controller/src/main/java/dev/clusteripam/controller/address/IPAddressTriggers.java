package dev.clusteripam.controller.address;

import dev.clusteripam.api.capi.IPAddress;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the shared cache's IPAddress events into reconciles of the objects they concern (a claim,
 * a pool). Listens only while the controller runs, so no event reaches a controller not yet started,
 * and only once the cache is complete: its start waits for that, and the controller's reconciles
 * begin only after every event source has started.
 */
public final class IPAddressTriggers<P extends HasMetadata> extends SimpleInboundEventSource<P> implements IPAddressCache.Listener {

    private final IPAddressCache cache;
    private final Function<IPAddress, Set<ResourceID>> concerned;

    public IPAddressTriggers(String name, IPAddressCache cache, Function<IPAddress, Set<ResourceID>> concerned) {
        super(name);
        this.cache = cache;
        this.concerned = concerned;
    }

    @Override
    public void start() {
        cache.awaitSynced();
        super.start();
        cache.addListener(this);
    }

    @Override
    public void stop() {
        cache.removeListener(this);
        super.stop();
    }

    @Override
    public void added(IPAddress address) {
        concerned.apply(address).forEach(this::propagateEvent);
    }

    @Override
    public void deleted(IPAddress address) {
        concerned.apply(address).forEach(this::propagateEvent);
    }
}

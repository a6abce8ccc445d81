package dev.clusteripam.webhook.allocations;

import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.IpamGroup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An informer index of IPAddresses by the pool they name: key {@code <kind>/<namespace>/<name>},
 * with an empty namespace for global pools. IPAddresses of other providers' pools are not indexed.
 */
public final class IPAddressPoolIndex {

    /** The index's name in an informer's indexers. */
    public static final String NAME = "ipam.cluster.x-k8s.io/pool";

    private IPAddressPoolIndex() {
    }

    /** The indexers to add to an IPAddress informer before it starts. */
    public static Map<String, Function<IPAddress, List<String>>> indexers() {
        return Map.of(NAME, IPAddressPoolIndex::keysOf);
    }

    /** The index function: the key of the pool {@code address} names, if it names one of ours. */
    public static List<String> keysOf(IPAddress address) {
        return poolOf(address).map(IPAddressPoolIndex::keyOf).map(List::of).orElse(List.of());
    }

    public static String keyOf(PoolRef pool) {
        return pool.kind().kind() + "/" + pool.namespace().orElse("") + "/" + pool.name();
    }

    /** The pool an IPAddress names, if it names one of our kinds. */
    public static Optional<PoolRef> poolOf(IPAddress address) {
        if (address.getSpec() == null || address.getSpec().getPoolRef() == null) {
            return Optional.empty();
        }
        IPPoolReference ref = address.getSpec().getPoolRef();
        if (!IpamGroup.NAME.equals(ref.getApiGroup()) || ref.getName() == null || ref.getName().isEmpty()) {
            return Optional.empty();
        }
        return PoolKind.of(ref.getKind())
                .map(kind -> PoolRef.of(kind, address.getMetadata().getNamespace(), ref.getName()));
    }
}

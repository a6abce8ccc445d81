package dev.clusteripam.webhook.admission;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.pool.AddressPoolValidator;
import dev.clusteripam.core.pool.Validation;
import java.util.List;
import java.util.Optional;

/** The rules of {@code InClusterIPPool} and {@code GlobalInClusterIPPool}: core's {@link AddressPoolValidator}. */
public final class AddressPoolRules<S extends InClusterIPPoolSpec> implements PoolRules<S> {

    private final Class<S> specType;

    /** The rules for pools whose spec is of {@code specType}: a global kind's has a namespace selector too. */
    public AddressPoolRules(Class<S> specType) {
        this.specType = specType;
    }

    @Override
    public Class<S> specType() {
        return specType;
    }

    @Override
    public Validation<?> validate(S spec) {
        return AddressPoolValidator.validate(spec.toAddressPoolSpec());
    }

    @Override
    public Optional<PoolAddressSet> addressSet(S spec) {
        return AddressPoolValidator.validate(spec.toAddressPoolSpec()).model().map(PoolAddressSet::of);
    }

    @Override
    public String addressesField() {
        return "spec.addresses";
    }

    @Override
    public Validation<?> validateUpdate(S oldSpec, S spec, List<IPAddress> allocated) {
        List<IpAddress> addresses = allocated.stream().flatMap(a -> addressOf(a).stream()).toList();
        return AddressPoolValidator.validateUpdate(spec.toAddressPoolSpec(), addresses);
    }

    /**
     * The address an IPAddress holds. One whose address does not parse (made by hand) cannot lie in
     * any pool, and holds nothing the update could strand; upstream skips it too.
     */
    private static Optional<IpAddress> addressOf(IPAddress address) {
        return address.getSpec() == null ? Optional.empty() : IpAddress.tryParse(address.getSpec().getAddress());
    }
}

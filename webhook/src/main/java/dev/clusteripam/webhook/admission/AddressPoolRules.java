package dev.clusteripam.webhook.admission;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressPoolValidator;
import dev.clusteripam.core.pool.PreAllocations;
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

    /** Core's rules, and the pre-allocations against the pool they keep addresses of. */
    @Override
    public Validation<?> validate(S spec) {
        Validation<AddressPool> pool = AddressPoolValidator.validate(spec.toAddressPoolSpec());
        return pool.withErrors(pool.model().map(model -> PreAllocations.validate(spec.preAllocationsOrEmpty(), model).errors())
                .orElse(List.of()));
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
        Validation<AddressPool> pool = AddressPoolValidator.validateUpdate(spec.toAddressPoolSpec(), addresses);
        if (pool.model().isEmpty()) {
            return pool;
        }
        Validation<PreAllocations<IpAddress>> kept = PreAllocations.validate(spec.preAllocationsOrEmpty(), pool.model().get());
        List<PreAllocations.Holding<IpAddress>> held = allocated.stream().flatMap(a -> addressOf(a)
                .map(item -> new PreAllocations.Holding<>(item, a.getMetadata().getNamespace(), claimOf(a))).stream()).toList();
        return pool.withErrors(kept.model().map(model -> model.heldByOtherClaims(spec.preAllocationsOrEmpty(),
                oldSpec.preAllocationsOrEmpty(), held)).orElse(kept.errors()));
    }

    /** The claim an IPAddress answers: its {@code claimRef}, or its own name (the contract names it after its claim). */
    static String claimOf(IPAddress address) {
        return address.getSpec().getClaimRef() != null && address.getSpec().getClaimRef().getName() != null
                ? address.getSpec().getClaimRef().getName() : address.getMetadata().getName();
    }

    /**
     * The address an IPAddress holds. One whose address does not parse (made by hand) cannot lie in
     * any pool, and holds nothing the update could strand; upstream skips it too.
     */
    private static Optional<IpAddress> addressOf(IPAddress address) {
        return address.getSpec() == null ? Optional.empty() : IpAddress.tryParse(address.getSpec().getAddress());
    }
}

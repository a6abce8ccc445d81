package dev.clusteripam.webhook.admission;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.v1alpha2.InClusterPrefixPoolSpec;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.overlap.PoolAddressSet;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.PrefixPool;
import dev.clusteripam.core.pool.PrefixPoolValidator;
import dev.clusteripam.core.pool.Validation;
import java.util.List;
import java.util.Optional;

/** The rules of {@code InClusterPrefixPool} and {@code GlobalInClusterPrefixPool}: core's {@link PrefixPoolValidator}. */
public final class PrefixPoolRules<S extends InClusterPrefixPoolSpec> implements PoolRules<S> {

    private final Class<S> specType;

    /** The rules for pools whose spec is of {@code specType}: a global kind's has a namespace selector too. */
    public PrefixPoolRules(Class<S> specType) {
        this.specType = specType;
    }

    @Override
    public Class<S> specType() {
        return specType;
    }

    /** Core's rules, and the pre-allocations against the pool they keep sub-prefixes of. */
    @Override
    public Validation<?> validate(S spec) {
        Validation<PrefixPool> pool = PrefixPoolValidator.validate(spec.toPrefixPoolSpec());
        return pool.withErrors(pool.model().map(model -> PreAllocations.validate(spec.preAllocationsOrEmpty(), model).errors())
                .orElse(List.of()));
    }

    @Override
    public Optional<PoolAddressSet> addressSet(S spec) {
        return PrefixPoolValidator.validate(spec.toPrefixPoolSpec()).model().map(PoolAddressSet::of);
    }

    @Override
    public String addressesField() {
        return "spec.prefixes";
    }

    @Override
    public Validation<?> validateUpdate(S oldSpec, S spec,
            List<IPAddress> allocated) {
        List<IpPrefix> prefixes = allocated.stream().flatMap(a -> prefixOf(a).stream()).toList();
        Validation<PrefixPool> pool = PrefixPoolValidator.validateUpdate(oldSpec.toPrefixPoolSpec(), spec.toPrefixPoolSpec(), prefixes);
        if (pool.model().isEmpty()) {
            return pool;
        }
        Validation<PreAllocations<IpPrefix>> kept = PreAllocations.validate(spec.preAllocationsOrEmpty(), pool.model().get());
        List<PreAllocations.Holding<IpPrefix>> held = allocated.stream().flatMap(a -> prefixOf(a)
                .map(item -> new PreAllocations.Holding<>(item, a.getMetadata().getNamespace(), AddressPoolRules.claimOf(a))).stream())
                .toList();
        return pool.withErrors(kept.model().map(model -> model.heldByOtherClaims(spec.preAllocationsOrEmpty(),
                oldSpec.preAllocationsOrEmpty(), held)).orElse(kept.errors()));
    }

    /**
     * The sub-prefix an IPAddress holds: its address with its prefix length. One that is not a
     * prefix at all (made by hand) holds nothing the update could strand, as for IP pools.
     */
    private static Optional<IpPrefix> prefixOf(IPAddress address) {
        if (address.getSpec() == null || address.getSpec().getAddress() == null || address.getSpec().getPrefix() == null) {
            return Optional.empty();
        }
        try {
            IpAddress base = IpAddress.parse(address.getSpec().getAddress());
            int length = address.getSpec().getPrefix();
            if (length < 0 || length > base.family().bits()) {
                return Optional.empty();
            }
            return Optional.of(new IpPrefix(base, length));
        } catch (IpFormatException e) {
            return Optional.empty();
        }
    }
}

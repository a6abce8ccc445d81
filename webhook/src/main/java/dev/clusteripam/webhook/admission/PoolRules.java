package dev.clusteripam.webhook.admission;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.core.overlap.PoolAddressSet;
import java.util.List;
import java.util.Optional;

/** The admission rules of one family of pools (IP or prefix), as core states them, for a spec of type {@code S}. */
public interface PoolRules<S> {

    /** The spec's model class, to decode it with. */
    Class<S> specType();

    /** The rules for a new pool. */
    Validation<?> validate(S spec);

    /**
     * The rules for a changed spec: those for a new pool, and the IPAddresses already allocated from
     * the pool must stay allocatable.
     *
     * @param allocated every IPAddress that names the pool
     */
    Validation<?> validateUpdate(S oldSpec, S spec, List<IPAddress> allocated);

    /** The addresses a valid spec may hand out, to check against other pools; empty when the spec is invalid. */
    Optional<PoolAddressSet> addressSet(S spec);

    /** The field that lists what the pool hands out: where an overlap is reported. */
    String addressesField();
}

package dev.clusteripam.controller.allocation;

import dev.clusteripam.core.pool.FieldError;
import java.util.List;
import java.util.Optional;

/**
 * A pool as the reconcilers see it: usable (its {@link CommittedPool}) or invalid (with every error
 * of its spec, as the webhook would have reported them).
 */
public record ResolvedPool(Optional<CommittedPool<?>> usable, List<FieldError> errors) {

    public ResolvedPool {
        errors = List.copyOf(errors);
    }

    static ResolvedPool usable(CommittedPool<?> pool) {
        return new ResolvedPool(Optional.of(pool), List.of());
    }

    static ResolvedPool invalid(List<FieldError> errors) {
        return new ResolvedPool(Optional.empty(), errors);
    }
}

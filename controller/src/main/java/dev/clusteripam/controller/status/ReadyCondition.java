package dev.clusteripam.controller.status;

import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.ConditionStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@code Ready} condition of claims and pools, in Cluster API v1beta2's shape. */
public final class ReadyCondition {

    public static final String TYPE = "Ready";

    private ReadyCondition() {
    }

    /**
     * The conditions with {@code Ready} set as given, or empty when it is set so already. The
     * transition time moves only when the status does.
     */
    public static Optional<List<Condition>> with(List<Condition> conditions, boolean ready, String reason, String message,
            Long observedGeneration) {
        List<Condition> current = conditions == null ? List.of() : conditions;
        ConditionStatus wanted = ready ? ConditionStatus.TRUE : ConditionStatus.FALSE;
        Condition previous = current.stream().filter(c -> TYPE.equals(c.getType())).findFirst().orElse(null);
        if (previous != null && previous.getStatus() == wanted && Objects.equals(previous.getReason(), reason)
                && Objects.equals(previous.getMessage(), message) && Objects.equals(previous.getObservedGeneration(), observedGeneration)) {
            return Optional.empty();
        }
        // The API server keeps whole seconds; writing more would make every comparison differ.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant transition = previous != null && previous.getStatus() == wanted ? previous.getLastTransitionTime() : now;
        Condition updated = new Condition(TYPE, wanted, reason, message, transition);
        updated.setObservedGeneration(observedGeneration);
        List<Condition> result = new ArrayList<>(current);
        result.removeIf(c -> TYPE.equals(c.getType()));
        result.add(updated);
        return Optional.of(result);
    }

    /** Whether the conditions say Ready is False for {@code reason}. */
    public static boolean isFalseFor(List<Condition> conditions, String reason) {
        return conditions != null && conditions.stream().anyMatch(c -> TYPE.equals(c.getType())
                && c.getStatus() == ConditionStatus.FALSE && reason.equals(c.getReason()));
    }
}

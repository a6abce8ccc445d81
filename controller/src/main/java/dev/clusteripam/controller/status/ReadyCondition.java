package dev.clusteripam.controller.status;

import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.ConditionStatus;
import dev.clusteripam.core.text.Excerpt;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@code Ready} condition of claims and pools (and a pool's {@code Overlapping} and
 * {@code HeldOutsideSelector}), in Cluster API v1beta2's shape, stamped with the provider's clock.
 */
public final class ReadyCondition {

    public static final String TYPE = "Ready";

    private final Clock clock;

    public ReadyCondition(Clock clock) {
        this.clock = clock;
    }

    /**
     * Sets {@code Ready} as given in {@code conditions}, handing the changed list to {@code store};
     * returns whether anything changed, so that callers record an event once per change. The
     * transition time moves only when the status does. The message is bounded ({@link Excerpt}): the
     * API server refuses a condition message over 32 KiB, and a refused status write would leave
     * the object without any condition at all.
     */
    public boolean set(List<Condition> conditions, Consumer<List<Condition>> store, boolean ready, String reason, String fullMessage,
            Long observedGeneration) {
        return set(TYPE, conditions, store, ready, reason, fullMessage, observedGeneration);
    }

    /** As {@link #set(List, Consumer, boolean, String, String, Long)}, for a condition of another type (a pool's {@code Overlapping}). */
    public boolean set(String type, List<Condition> conditions, Consumer<List<Condition>> store, boolean status, String reason,
            String fullMessage, Long observedGeneration) {
        String message = Excerpt.ofMessage(fullMessage);
        List<Condition> current = conditions == null ? List.of() : conditions;
        ConditionStatus wanted = status ? ConditionStatus.TRUE : ConditionStatus.FALSE;
        Condition previous = current.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        if (previous != null && previous.getStatus() == wanted && Objects.equals(previous.getReason(), reason)
                && Objects.equals(previous.getMessage(), message) && Objects.equals(previous.getObservedGeneration(), observedGeneration)) {
            return false;
        }
        // The API server keeps whole seconds; writing more would make every comparison differ.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant transition = previous != null && previous.getStatus() == wanted ? previous.getLastTransitionTime() : now;
        Condition updated = new Condition(type, wanted, reason, message, transition);
        updated.setObservedGeneration(observedGeneration);
        List<Condition> result = new ArrayList<>(current);
        result.removeIf(c -> type.equals(c.getType()));
        result.add(updated);
        store.accept(result);
        return true;
    }

    /** Takes the condition of {@code type} off; whether there was one. */
    public static boolean remove(String type, List<Condition> conditions, Consumer<List<Condition>> store) {
        if (conditions == null || conditions.stream().noneMatch(c -> type.equals(c.getType()))) {
            return false;
        }
        List<Condition> result = new ArrayList<>(conditions);
        result.removeIf(c -> type.equals(c.getType()));
        store.accept(result);
        return true;
    }

    /** Whether the conditions say Ready is True, observed at {@code generation}. */
    public static boolean isTrueFor(List<Condition> conditions, Long generation) {
        return conditions != null && conditions.stream().anyMatch(c -> TYPE.equals(c.getType())
                && c.getStatus() == ConditionStatus.TRUE && Objects.equals(c.getObservedGeneration(), generation));
    }

    /** Whether the conditions say Ready is False for {@code reason}. */
    public static boolean isFalseFor(List<Condition> conditions, String reason) {
        return conditions != null && conditions.stream().anyMatch(c -> TYPE.equals(c.getType())
                && c.getStatus() == ConditionStatus.FALSE && reason.equals(c.getReason()));
    }
}

package dev.clusteripam.core.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verdict on a spec: every error at once, advisory warnings for what is accepted but probably
 * a mistake, and the model when there is no error.
 */
public record Validation<T>(Optional<T> model, List<FieldError> errors, List<String> warnings) {

    public Validation {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (model.isPresent() != errors.isEmpty()) {
            throw new IllegalArgumentException("a model exactly when there are no errors");
        }
    }

    public static <T> Validation<T> valid(T model, List<String> warnings) {
        return new Validation<>(Optional.of(model), List.of(), warnings);
    }

    public static <T> Validation<T> invalid(List<FieldError> errors, List<String> warnings) {
        return new Validation<>(Optional.empty(), errors, warnings);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** This verdict with {@code more} errors of another part of the same object (no model then, if any). */
    public Validation<T> withErrors(List<FieldError> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<FieldError> all = new ArrayList<>(errors);
        all.addAll(more);
        return invalid(all, warnings);
    }

    /** The model, or an exception carrying every error. */
    public T orElseThrow() {
        return model.orElseThrow(() -> new InvalidPoolSpecException(errors));
    }
}

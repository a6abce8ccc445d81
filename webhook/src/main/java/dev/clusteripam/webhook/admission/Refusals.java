package dev.clusteripam.webhook.admission;

import dev.clusteripam.api.ipam.IpamGroup;
import dev.clusteripam.core.pool.FieldError;
import dev.clusteripam.core.text.Excerpt;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Refusals shaped as the Kubernetes API server shapes its own errors, so that {@code kubectl} and
 * client libraries show them as they show any other: {@code apierrors.NewInvalid},
 * {@code NewBadRequest}, {@code NewServiceUnavailable}. Field errors come bounded from core; every
 * other message is bounded here.
 */
public final class Refusals {

    private Refusals() {
    }

    /**
     * An Invalid error (422) listing every field error: {@code InClusterIPPool.ipam.cluster.x-k8s.io
     * "pool" is invalid: spec.prefix: Invalid value: "33": ...}, with several errors in brackets
     * and separated by commas, and one cause per error.
     */
    public static Status invalid(String kind, String name, List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an Invalid error needs at least one field error");
        }
        String listed = errors.size() == 1
                ? errors.get(0).toString()
                : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
        List<StatusCause> causes = errors.stream()
                .map(error -> new StatusCauseBuilder()
                        .withReason("FieldValueInvalid")
                        .withField(error.field())
                        .withMessage("Invalid value: \"" + error.value() + "\": " + error.message())
                        .build())
                .toList();
        return new StatusBuilder()
                .withStatus("Failure")
                .withCode(422)
                .withReason("Invalid")
                .withMessage(kind + "." + IpamGroup.NAME + " \"" + name + "\" is invalid: " + listed)
                .withNewDetails()
                .withGroup(IpamGroup.NAME)
                .withKind(kind)
                .withName(name)
                .withCauses(causes)
                .endDetails()
                .build();
    }

    /** A BadRequest error (400): the request cannot be done as asked. */
    public static Status badRequest(String message) {
        return failure(400, "BadRequest", message);
    }

    /** A ServiceUnavailable error (503): the webhook cannot decide yet; the client may retry. */
    public static Status unavailable(String message) {
        return failure(503, "ServiceUnavailable", message);
    }

    /** An InternalError (500): the webhook failed. */
    public static Status internalError(String message) {
        return failure(500, "InternalError", message);
    }

    /** A message bounded as every text we send back is: it may quote what a user wrote. */
    private static Status failure(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason)
                .withMessage(Excerpt.ofMessage(message)).build();
    }
}

package dev.clusteripam.webhook.admission;

import dev.clusteripam.core.text.Excerpt;
import io.fabric8.kubernetes.api.model.Status;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to an admission request: allowed or refused with a Kubernetes {@link Status} (which
 * the API server hands to the client), warnings the client shows either way, and for a mutating
 * webhook an optional JSON Patch.
 */
public record AdmissionVerdict(boolean allowed, Optional<Status> refusal, List<String> warnings, Optional<String> jsonPatch) {

    public AdmissionVerdict {
        Objects.requireNonNull(refusal, "refusal");
        // A warning may quote a pool entry; bounded like every text sent back (the API server would
        // pass a long one on to the client whole).
        warnings = warnings.stream().map(Excerpt::ofMessage).toList();
        Objects.requireNonNull(jsonPatch, "jsonPatch");
        if (allowed == refusal.isPresent()) {
            throw new IllegalArgumentException("a refusal status exactly when not allowed");
        }
        if (!allowed && jsonPatch.isPresent()) {
            throw new IllegalArgumentException("a refused request is not patched");
        }
    }

    public static AdmissionVerdict allow(List<String> warnings) {
        return new AdmissionVerdict(true, Optional.empty(), warnings, Optional.empty());
    }

    /** Allows the request once {@code jsonPatch} (RFC 6902, JSON text) is applied to the object. */
    public static AdmissionVerdict allowPatched(String jsonPatch) {
        return new AdmissionVerdict(true, Optional.empty(), List.of(), Optional.of(jsonPatch));
    }

    public static AdmissionVerdict refuse(Status refusal, List<String> warnings) {
        return new AdmissionVerdict(false, Optional.of(refusal), warnings, Optional.empty());
    }
}

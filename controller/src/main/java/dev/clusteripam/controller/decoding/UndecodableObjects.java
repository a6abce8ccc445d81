package dev.clusteripam.controller.decoding;

import dev.clusteripam.core.pool.FieldError;
import dev.clusteripam.controller.events.EventRecorder;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects that could not be decoded, by uid, with why. Each version of an object is logged and
 * counted once (an informer decodes the same object again on every relist and every watch restart);
 * another version that decodes whole clears it. Reconcilers ask {@link #failureOf} to report it on the
 * object or on what refers to it, whichever version of it their cache holds: the provider's caches
 * of one kind see a new version at different moments, and an older copy of an object that does not
 * decode is no more whole than the newest.
 */
public final class UndecodableObjects {

    private static final Logger LOG = LoggerFactory.getLogger(UndecodableObjects.class);

    private record Seen(String resourceVersion, FieldError failure) {
    }

    private final Map<String, Seen> byUid = new ConcurrentHashMap<>();
    private final BiConsumer<HasMetadata, FieldError> firstSighting;

    /** The reason of the Warning event on an object that could not be decoded. */
    public static final String UNDECODABLE = "Undecodable";

    /** Reported as the provider reports it: counted in the metric, and a Warning event on the object. */
    public static UndecodableObjects reportedBy(EventRecorder events, ProviderMetrics metrics) {
        return new UndecodableObjects((object, failure) -> {
            metrics.undecodable(object.getKind());
            events.warning(object, UNDECODABLE, "cannot be read whole, so it is not served until it changes: " + failure);
        });
    }

    /** @param firstSighting told once per undecodable version of an object: to count it and report it on the object */
    public UndecodableObjects(BiConsumer<HasMetadata, FieldError> firstSighting) {
        this.firstSighting = firstSighting;
    }

    void record(HasMetadata object, FieldError failure) {
        String uid = object.getMetadata().getUid();
        Seen seen = new Seen(object.getMetadata().getResourceVersion(), failure);
        Seen before = uid == null ? null : byUid.put(uid, seen);
        if (before == null || !before.equals(seen)) {
            LOG.atWarn().addKeyValue("kind", object.getKind()).addKeyValue("object", nameOf(object))
                    .log("cannot decode {} {}, skipped until it changes: {}", object.getKind(), nameOf(object), failure);
            firstSighting.accept(object, failure);
        }
    }

    /**
     * An object decoded whole. A version other than the one that failed clears the failure; the same
     * version decoded whole is a copy of what was decoded without the fields at fault (the operator's
     * copies are JSON round trips), which clears nothing.
     */
    void decoded(HasMetadata object) {
        if (byUid.isEmpty() || object.getMetadata() == null || object.getMetadata().getUid() == null) {
            return;
        }
        Seen seen = byUid.get(object.getMetadata().getUid());
        if (seen != null && !seen.resourceVersion().equals(object.getMetadata().getResourceVersion())) {
            byUid.remove(object.getMetadata().getUid(), seen);
        }
    }

    /** Why this object could not be decoded; empty when it decoded, or a version of it since did. */
    public Optional<FieldError> failureOf(HasMetadata object) {
        String uid = object.getMetadata() == null ? null : object.getMetadata().getUid();
        Seen seen = uid == null ? null : byUid.get(uid);
        return seen == null ? Optional.empty() : Optional.of(seen.failure());
    }

    private static String nameOf(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null ? object.getMetadata().getName() : namespace + "/" + object.getMetadata().getName();
    }
}

package dev.clusteripam.controller.decoding;

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
 * a later version that decodes clears it. Reconcilers ask {@link #failureOf} to report it on the
 * object or on what refers to it.
 */
public final class UndecodableObjects {

    private static final Logger LOG = LoggerFactory.getLogger(UndecodableObjects.class);

    private record Seen(String resourceVersion, DecodeFailure failure) {
    }

    private final Map<String, Seen> byUid = new ConcurrentHashMap<>();
    private final BiConsumer<String, DecodeFailure> counter;

    /** @param counter told once per undecodable object version, with its kind: the metric */
    public UndecodableObjects(BiConsumer<String, DecodeFailure> counter) {
        this.counter = counter;
    }

    void record(HasMetadata stub, DecodeFailure failure) {
        String uid = stub.getMetadata().getUid();
        Seen seen = new Seen(stub.getMetadata().getResourceVersion(), failure);
        Seen before = uid == null ? null : byUid.put(uid, seen);
        if (before == null || !before.equals(seen)) {
            LOG.atWarn().addKeyValue("kind", stub.getKind()).addKeyValue("object", nameOf(stub))
                    .log("cannot decode {} {}, skipped until it changes: {}", stub.getKind(), nameOf(stub), failure);
            counter.accept(stub.getKind(), failure);
        }
    }

    /** Why this object could not be decoded; empty when it decoded (or a later version of it did). */
    public Optional<DecodeFailure> failureOf(HasMetadata object) {
        String uid = object.getMetadata() == null ? null : object.getMetadata().getUid();
        Seen seen = uid == null ? null : byUid.get(uid);
        if (seen == null) {
            return Optional.empty();
        }
        if (!seen.resourceVersion().equals(object.getMetadata().getResourceVersion())) {
            // A newer version decoded, so this one is whole: forget the failure.
            byUid.remove(uid, seen);
            return Optional.empty();
        }
        return Optional.of(seen.failure());
    }

    private static String nameOf(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null ? object.getMetadata().getName() : namespace + "/" + object.getMetadata().getName();
    }
}

package dev.clusteripam.webhook.admission;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.Objects;

/** A pool as admission sees it: the metadata and spec of a request's object, whatever its kind. */
record PoolObject<S>(ObjectMeta metadata, S spec) {

    PoolObject {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }

    /**
     * Decodes the object of an admission request (JSON read into maps). A missing spec reads as an
     * empty one, which the rules then refuse field by field.
     */
    static <S> PoolObject<S> decode(Object object, Class<S> specType, KubernetesSerialization serialization)
            throws UndecodablePoolException {
        if (!(object instanceof Map<?, ?> fields)) {
            throw new UndecodablePoolException("the request carries no object to check");
        }
        try {
            ObjectMeta metadata = serialization.convertValue(Objects.requireNonNullElse(fields.get("metadata"), Map.of()),
                    ObjectMeta.class);
            S spec = serialization.convertValue(Objects.requireNonNullElse(fields.get("spec"), Map.of()), specType);
            return new PoolObject<>(metadata, spec);
        } catch (IllegalArgumentException e) {
            throw new UndecodablePoolException("the object is not a pool of this kind: " + e.getMessage());
        }
    }
}

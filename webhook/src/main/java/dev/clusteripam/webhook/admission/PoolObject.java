package dev.clusteripam.webhook.admission;

import dev.clusteripam.core.pool.FieldError;
import dev.clusteripam.core.text.Excerpt;
import dev.clusteripam.webhook.json.UndecodableField;
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
        ObjectMeta metadata = part(fields, "metadata", ObjectMeta.class, serialization);
        S spec = part(fields, "spec", specType, serialization);
        return new PoolObject<>(metadata, spec);
    }

    private static <T> T part(Map<?, ?> fields, String name, Class<T> type, KubernetesSerialization serialization)
            throws UndecodablePoolException {
        Object json = Objects.requireNonNullElse(fields.get(name), Map.of());
        try {
            return serialization.convertValue(json, type);
        } catch (IllegalArgumentException e) {
            throw UndecodableField.of(e, name, json)
                    .map(UndecodablePoolException::new)
                    .orElseGet(() -> new UndecodablePoolException(new FieldError(name, Excerpt.of(String.valueOf(json)),
                            "cannot be read as the " + name + " of this kind")));
        }
    }
}

package dev.clusteripam.webhook.conversion;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster API's annotation {@value #ANNOTATION}: an object's other API version, as JSON without
 * its metadata, kept for the fields this version cannot express.
 */
final class ConversionData {

    private static final Logger LOG = LoggerFactory.getLogger(ConversionData.class);

    static final String ANNOTATION = "cluster.x-k8s.io/conversion-data";

    private final KubernetesSerialization serialization;

    ConversionData(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /**
     * Removes the annotation from {@code metadata} and reads it; empty when it is absent or not a
     * JSON object. It is consumed either way: a converted object carries only what its own
     * conversion put there.
     */
    Optional<Map<String, Object>> take(ObjectMeta metadata) {
        if (metadata.getAnnotations() == null || !metadata.getAnnotations().containsKey(ANNOTATION)) {
            return Optional.empty();
        }
        Map<String, String> annotations = new LinkedHashMap<>(metadata.getAnnotations());
        String json = annotations.remove(ANNOTATION);
        metadata.setAnnotations(annotations.isEmpty() ? null : annotations);
        try {
            return Optional.ofNullable(serialization.unmarshal(json, new TypeReference<LinkedHashMap<String, Object>>() { }));
        } catch (RuntimeException e) {
            LOG.debug("conversion data ignored, it is not a JSON object: name={} error=\"{}\"", metadata.getName(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Writes {@code object} (without its metadata) into the annotation of {@code metadata}. */
    void put(ObjectMeta metadata, Object object) {
        Map<String, Object> data = asMap(object);
        data.remove("metadata");
        Map<String, String> annotations = metadata.getAnnotations() == null
                ? new LinkedHashMap<>()
                : new LinkedHashMap<>(metadata.getAnnotations());
        annotations.put(ANNOTATION, serialization.asJson(data));
        metadata.setAnnotations(annotations);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(Object object) {
        return serialization.convertValue(object, LinkedHashMap.class);
    }
}

package dev.clusteripam.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The objects of a multi-document YAML stream, as {@link GenericKubernetesResource}s: every kind
 * alike, including those (cert-manager's) that no model class knows.
 */
final class Manifests {

    /** Kinds the components hold that are not namespaced. */
    static final Set<String> CLUSTER_SCOPED_KINDS = Set.of("Namespace", "CustomResourceDefinition", "ClusterRole",
            "ClusterRoleBinding", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<GenericKubernetesResource> objects;

    private Manifests(List<GenericKubernetesResource> objects) {
        this.objects = List.copyOf(objects);
    }

    static Manifests parse(String yaml) {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                // "---" at the end of a stream is an empty document, not an object.
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    objects.add(SERIALIZATION.convertValue(document, GenericKubernetesResource.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not YAML", e);
        }
        return new Manifests(objects);
    }

    List<GenericKubernetesResource> all() {
        return objects;
    }

    List<GenericKubernetesResource> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
    }

    /** The only object of {@code kind}; fails when there are none or several. */
    GenericKubernetesResource single(String kind) {
        List<GenericKubernetesResource> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    Optional<GenericKubernetesResource> named(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    GenericKubernetesResource require(String kind, String name) {
        return named(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    static String describe(GenericKubernetesResource object) {
        String namespace = object.getMetadata().getNamespace();
        return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
    }

    /** A field of an object as plain Java values (maps, lists, strings, numbers). */
    @SuppressWarnings("unchecked")
    static <T> T field(Object node, String... path) {
        Object current = node instanceof GenericKubernetesResource resource
                ? SERIALIZATION.convertValue(resource, Map.class) : node;
        for (String step : path) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step.matches("\\d+")) {
                int index = Integer.parseInt(step);
                current = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return (T) current;
    }
}

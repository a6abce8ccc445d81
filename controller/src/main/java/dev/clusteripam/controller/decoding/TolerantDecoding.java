package dev.clusteripam.controller.decoding;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.clusteripam.core.pool.FieldError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Set;

/**
 * Decoding that never fails on the kinds the provider watches, and never builds an object's
 * {@code metadata.managedFields}: nothing in the provider reads them, and at a restart with tens of
 * thousands of claims and IPAddresses decoding them was a quarter of the CPU before the provider was
 * ready (docs/benchmarks.md). Writes are unaffected: patches carry only what changed, and an update
 * without managed fields leaves the server's as they are.
 *
 * <p>Never failing: the API server stores what its schema allows, and a schema can allow what our model cannot hold (a number past int32 stored
 * before the CRD bounded it, say). One such object in an informer's list would fail the whole list,
 * and with it the informer and the provider, for every pool in every namespace. Here an object of
 * a watched kind that does not decode is decoded without the fields at fault (or, failing that, as
 * its metadata alone), and the cause goes to {@link UndecodableObjects}, where reconcilers find it:
 * a pool so marked is not served and says why; an IPAddress keeps its address taken. Everything
 * else keeps being served.
 */
public final class TolerantDecoding {

    /** Fields dropped before an object is given up whole: a handful is already a badly broken object. */
    private static final int MAX_FIELDS_DROPPED = 8;

    private TolerantDecoding() {
    }

    /** A client like {@code base} (same server, same credentials) that decodes every class in {@code watched} tolerantly. */
    public static KubernetesClient client(KubernetesClient base, Set<Class<? extends HasMetadata>> watched, UndecodableObjects sink) {
        return new KubernetesClientBuilder().withConfig(base.getConfiguration())
                .withKubernetesSerialization(serialization(watched, sink)).build();
    }

    /** A serialization that decodes every class in {@code watched} tolerantly. */
    static KubernetesSerialization serialization(Set<Class<? extends HasMetadata>> watched, UndecodableObjects sink) {
        SimpleModule module = new SimpleModule("cluster-ipam-tolerant-decoding");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                return watched.contains(type) ? new Fallback<>(type.asSubclass(HasMetadata.class), deserializer, sink) : deserializer;
            }
        });
        ObjectMapper mapper = new ObjectMapper().registerModule(module).addMixIn(ObjectMeta.class, WithoutManagedFields.class);
        return new KubernetesSerialization(mapper, true);
    }

    /** Skips {@code metadata.managedFields} of every kind, ours and Kubernetes' own (namespaces). */
    @JsonIgnoreProperties("managedFields")
    private abstract static class WithoutManagedFields {
    }

    /** Reads the object as a tree first, so that a failure can still give its metadata. */
    private static final class Fallback<T extends HasMetadata> extends StdDeserializer<T> implements ResolvableDeserializer {

        private final Class<T> type;
        private final JsonDeserializer<?> delegate;
        private final UndecodableObjects sink;

        Fallback(Class<T> type, JsonDeserializer<?> delegate, UndecodableObjects sink) {
            super(type);
            this.type = type;
            this.delegate = delegate;
            this.sink = sink;
        }

        @Override
        public void resolve(DeserializationContext context) throws JsonMappingException {
            if (delegate instanceof ResolvableDeserializer resolvable) {
                resolvable.resolve(context);
            }
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            // Buffered as tokens, not as a tree: the common case decodes at once, and only a failure needs the tree.
            TokenBuffer buffered = withoutManagedFields(parser, context);
            try (JsonParser replay = buffered.asParser(parser.getCodec())) {
                replay.nextToken();
                T decoded = type.cast(delegate.deserialize(replay, context));
                sink.decoded(decoded);
                return decoded;
            } catch (IOException | RuntimeException e) {
                JsonNode tree;
                try (JsonParser replay = buffered.asParser(parser.getCodec())) {
                    tree = replay.readValueAsTree();
                }
                return decodeDroppingFields(tree, e, parser, context);
            }
        }

        private T decodeDroppingFields(JsonNode tree, Exception failure, JsonParser parser, DeserializationContext context)
                throws IOException {
            // What the user is told is the first fault; later ones only follow from dropping it.
            FieldError first = DecodeFailure.of(failure, tree);
            JsonNode remaining = tree.deepCopy();
            Exception last = failure;
            for (int attempt = 1; attempt < MAX_FIELDS_DROPPED && dropField(remaining, last); attempt++) {
                try (JsonParser replay = remaining.traverse(parser.getCodec())) {
                    replay.nextToken();
                    T decoded = type.cast(delegate.deserialize(replay, context));
                    sink.record(decoded, first);
                    return decoded;
                } catch (IOException | RuntimeException e) {
                    last = e;
                }
            }
            T stub = metadataOnly(tree, parser, context);
            sink.record(stub, first);
            return stub;
        }

        /** The object the parser is at, as tokens, without {@code metadata.managedFields} (a large part of every object). */
        private static TokenBuffer withoutManagedFields(JsonParser parser, DeserializationContext context) throws IOException {
            TokenBuffer buffered = context.bufferForInputBuffering(parser);
            JsonToken token = parser.currentToken();
            if (token != JsonToken.START_OBJECT && token != JsonToken.FIELD_NAME) {
                buffered.copyCurrentStructure(parser);
                return buffered;
            }
            if (token == JsonToken.START_OBJECT) {
                token = parser.nextToken();
            }
            buffered.writeStartObject();
            for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                buffered.writeFieldName(field);
                if (parser.nextToken() == JsonToken.START_OBJECT && field.equals("metadata")) {
                    copyMetadata(parser, buffered);
                } else {
                    buffered.copyCurrentStructure(parser);
                }
            }
            buffered.writeEndObject();
            return buffered;
        }

        private static void copyMetadata(JsonParser parser, TokenBuffer buffered) throws IOException {
            buffered.writeStartObject();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("managedFields")) {
                    parser.skipChildren();
                } else {
                    buffered.writeFieldName(field);
                    buffered.copyCurrentStructure(parser);
                }
            }
            buffered.writeEndObject();
        }

        /**
         * Removes the field that failed, so that the rest of the object still decodes: an IPAddress
         * whose prefix does not fit keeps its address, which must go on counting as taken.
         */
        private static boolean dropField(JsonNode object, Exception error) {
            if (!(error instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
                return false;
            }
            List<JsonMappingException.Reference> path = mapping.getPath();
            JsonNode parent = object;
            for (JsonMappingException.Reference step : path.subList(0, path.size() - 1)) {
                parent = step.getFieldName() != null ? parent.path(step.getFieldName()) : parent.path(step.getIndex());
            }
            JsonMappingException.Reference last = path.get(path.size() - 1);
            if (parent instanceof ObjectNode fields && last.getFieldName() != null && fields.has(last.getFieldName())) {
                fields.remove(last.getFieldName());
                return true;
            }
            if (parent instanceof ArrayNode items && last.getFieldName() == null && last.getIndex() < items.size()) {
                items.remove(last.getIndex());
                return true;
            }
            return false;
        }

        private T metadataOnly(JsonNode tree, JsonParser parser, DeserializationContext context) throws IOException {
            T stub;
            try {
                stub = type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw JsonMappingException.from(parser, "a watched kind needs a public no-argument constructor: " + type.getName(),
                        e instanceof InvocationTargetException target ? target.getCause() : e);
            }
            JsonNode metadata = tree.get("metadata");
            stub.setMetadata(metadata == null ? new ObjectMeta() : context.readTreeAsValue(metadata, ObjectMeta.class));
            return stub;
        }
    }
}

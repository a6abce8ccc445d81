package dev.clusteripam.webhook.conversion;

import dev.clusteripam.core.pool.FieldError;
import dev.clusteripam.core.text.Excerpt;
import dev.clusteripam.webhook.json.UndecodableField;
import dev.clusteripam.webhook.server.MalformedReviewException;
import dev.clusteripam.webhook.server.ReviewEndpoint;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ConversionRequest;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ConversionResponse;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ConversionReview;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversion webhook ({@code /convert}, {@code apiextensions.k8s.io/v1} ConversionReview) of the
 * IP pool kinds between {@code v1alpha1} and {@code v1alpha2}, with {@link IpPoolConversion}'s
 * semantics. One object that cannot be converted fails the whole review, as the API server
 * expects.
 */
public final class ConversionEndpoint implements ReviewEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ConversionEndpoint.class);

    /** The API server converts a whole page of a list in one review. */
    private static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;

    private static final String KIND = "ConversionReview";
    private static final String API_VERSION = "apiextensions.k8s.io/v1";
    private static final String V1ALPHA1 = HasMetadata.getApiVersion(dev.clusteripam.api.ipam.v1alpha1.InClusterIPPool.class);
    private static final String V1ALPHA2 = HasMetadata.getApiVersion(dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool.class);

    private final IpPoolConversion conversion;
    private final KubernetesSerialization serialization;

    public ConversionEndpoint(KubernetesSerialization serialization) {
        this.conversion = new IpPoolConversion(serialization);
        this.serialization = serialization;
    }

    @Override
    public byte[] respond(byte[] requestBody) throws MalformedReviewException {
        ConversionRequest request = decode(requestBody);
        ConversionResponse response = new ConversionResponse();
        response.setUid(request.getUid());
        try {
            List<Object> converted = new ArrayList<>(request.getObjects().size());
            for (Object object : request.getObjects()) {
                converted.add(convert(object, request.getDesiredAPIVersion()));
            }
            response.setConvertedObjects(converted);
            response.setResult(new StatusBuilder().withStatus("Success").build());
            LOG.debug("conversion: objects={} to={} uid={}", converted.size(), request.getDesiredAPIVersion(), request.getUid());
        } catch (ConversionException e) {
            LOG.debug("conversion refused: to={} uid={} reason=\"{}\"", request.getDesiredAPIVersion(), request.getUid(),
                    e.getMessage());
            response.setConvertedObjects(List.of());
            response.setResult(failure(e.getMessage()));
        }
        ConversionReview answer = new ConversionReview();
        answer.setApiVersion(API_VERSION);
        answer.setKind(KIND);
        answer.setResponse(response);
        return serialization.asJson(answer).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int maxRequestBytes() {
        return MAX_REQUEST_BYTES;
    }

    private ConversionRequest decode(byte[] body) throws MalformedReviewException {
        ConversionReview review;
        try {
            review = serialization.unmarshal(new ByteArrayInputStream(body), ConversionReview.class);
        } catch (RuntimeException e) {
            throw new MalformedReviewException("the body is not a ConversionReview: " + Excerpt.ofMessage(e.getMessage()), e);
        }
        if (review == null || !KIND.equals(review.getKind()) || !API_VERSION.equals(review.getApiVersion())) {
            throw new MalformedReviewException("expected a ConversionReview of " + API_VERSION + ", got kind "
                    + (review == null ? null : review.getKind()) + " of " + (review == null ? null : review.getApiVersion()));
        }
        ConversionRequest request = review.getRequest();
        if (request == null || request.getUid() == null || request.getDesiredAPIVersion() == null || request.getObjects() == null) {
            throw new MalformedReviewException("the ConversionReview lacks request.uid, request.desiredAPIVersion or request.objects");
        }
        return request;
    }

    private Object convert(Object object, String desiredApiVersion) throws ConversionException {
        Map<?, ?> fields = serialization.convertValue(object, Map.class);
        if (fields == null) {
            throw new ConversionException("an object to convert is null");
        }
        String apiVersion = String.valueOf(fields.get("apiVersion"));
        String kind = String.valueOf(fields.get("kind"));
        if (apiVersion.equals(desiredApiVersion)) {
            return object;
        }
        HasMetadata converted;
        if (apiVersion.equals(V1ALPHA1) && desiredApiVersion.equals(V1ALPHA2)) {
            converted = switch (kind) {
                case "InClusterIPPool" -> conversion.toV1alpha2(
                        read(fields, dev.clusteripam.api.ipam.v1alpha1.InClusterIPPool.class),
                        new dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool(),
                        dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec.class);
                case "GlobalInClusterIPPool" -> conversion.toV1alpha2(
                        read(fields, dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPool.class),
                        new dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool(),
                        dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPoolSpec.class);
                default -> throw unsupported(kind, apiVersion, desiredApiVersion);
            };
        } else if (apiVersion.equals(V1ALPHA2) && desiredApiVersion.equals(V1ALPHA1)) {
            converted = switch (kind) {
                case "InClusterIPPool" -> conversion.toV1alpha1(
                        read(fields, dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool.class),
                        new dev.clusteripam.api.ipam.v1alpha1.InClusterIPPool(),
                        dev.clusteripam.api.ipam.v1alpha1.InClusterIPPoolSpec.class);
                case "GlobalInClusterIPPool" -> conversion.toV1alpha1(
                        read(fields, dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool.class),
                        new dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPool(),
                        dev.clusteripam.api.ipam.v1alpha1.GlobalInClusterIPPoolSpec.class);
                default -> throw unsupported(kind, apiVersion, desiredApiVersion);
            };
        } else {
            throw unsupported(kind, apiVersion, desiredApiVersion);
        }
        return serialization.convertValue(converted, Map.class);
    }

    private <T> T read(Map<?, ?> fields, Class<T> type) throws ConversionException {
        try {
            return serialization.convertValue(fields, type);
        } catch (IllegalArgumentException e) {
            String problem = UndecodableField.of(e, "", fields).map(FieldError::toString)
                    .orElse("it is not an object of this kind");
            throw new ConversionException(fields.get("kind") + " \"" + name(fields) + "\" does not read as "
                    + fields.get("apiVersion") + ": " + problem);
        }
    }

    private static String name(Map<?, ?> fields) {
        return fields.get("metadata") instanceof Map<?, ?> metadata ? String.valueOf(metadata.get("name")) : "";
    }

    private static ConversionException unsupported(String kind, String from, String to) {
        return new ConversionException("cluster-ipam converts InClusterIPPool and GlobalInClusterIPPool between "
                + V1ALPHA1 + " and " + V1ALPHA2 + ", not " + kind + " from " + from + " to " + to);
    }

    private static Status failure(String message) {
        return new StatusBuilder().withStatus("Failure").withMessage(Excerpt.ofMessage(message)).build();
    }
}

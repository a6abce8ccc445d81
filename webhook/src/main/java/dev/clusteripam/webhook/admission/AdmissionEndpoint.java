package dev.clusteripam.webhook.admission;

import dev.clusteripam.core.text.Excerpt;
import dev.clusteripam.webhook.server.MalformedReviewException;
import dev.clusteripam.webhook.server.ReviewEndpoint;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A validating or mutating webhook path: decodes the AdmissionReview ({@code admission.k8s.io/v1}
 * or {@code v1beta1}, whose JSON is the same), lets its {@link AdmissionPolicy} decide, and encodes
 * the verdict in a review of the version asked.
 */
public final class AdmissionEndpoint implements ReviewEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionEndpoint.class);

    private static final String KIND = "AdmissionReview";
    private static final Set<String> API_VERSIONS = Set.of("admission.k8s.io/v1", "admission.k8s.io/v1beta1");

    private final AdmissionPolicy policy;
    private final KubernetesSerialization serialization;

    public AdmissionEndpoint(AdmissionPolicy policy, KubernetesSerialization serialization) {
        this.policy = policy;
        this.serialization = serialization;
    }

    @Override
    public byte[] respond(byte[] requestBody) throws MalformedReviewException {
        AdmissionReview review = decode(requestBody);
        AdmissionRequest request = review.getRequest();
        AdmissionVerdict verdict = decide(request);
        LOG.debug("admission: kind={} name={} namespace={} operation={} allowed={} uid={}", request.getKind().getKind(),
                request.getName(), request.getNamespace(), request.getOperation(), verdict.allowed(), request.getUid());

        AdmissionResponse response = new AdmissionResponse();
        response.setUid(request.getUid());
        response.setAllowed(verdict.allowed());
        verdict.refusal().ifPresent(response::setStatus);
        if (!verdict.warnings().isEmpty()) {
            response.setWarnings(verdict.warnings());
        }
        verdict.jsonPatch().ifPresent(patch -> {
            response.setPatchType("JSONPatch");
            response.setPatch(Base64.getEncoder().encodeToString(patch.getBytes(StandardCharsets.UTF_8)));
        });
        AdmissionReview answer = new AdmissionReview();
        answer.setApiVersion(review.getApiVersion());
        answer.setKind(KIND);
        answer.setResponse(response);
        return serialization.asJson(answer).getBytes(StandardCharsets.UTF_8);
    }

    private AdmissionReview decode(byte[] body) throws MalformedReviewException {
        AdmissionReview review;
        try {
            review = serialization.unmarshal(new ByteArrayInputStream(body), AdmissionReview.class);
        } catch (RuntimeException e) {
            throw new MalformedReviewException("the body is not an AdmissionReview: " + Excerpt.ofMessage(e.getMessage()), e);
        }
        if (review == null || !KIND.equals(review.getKind()) || !API_VERSIONS.contains(review.getApiVersion())) {
            throw new MalformedReviewException("expected an AdmissionReview of " + API_VERSIONS.stream().sorted().toList()
                    + ", got kind " + (review == null ? null : review.getKind()) + " of "
                    + (review == null ? null : review.getApiVersion()));
        }
        AdmissionRequest request = review.getRequest();
        if (request == null || request.getUid() == null || request.getKind() == null || request.getOperation() == null) {
            throw new MalformedReviewException("the AdmissionReview lacks request.uid, request.kind or request.operation");
        }
        // Policies read objects as JSON maps, whatever model class the deserializer picked for them.
        request.setObject(asJsonObject(request.getObject()));
        request.setOldObject(asJsonObject(request.getOldObject()));
        return review;
    }

    private Object asJsonObject(Object object) {
        return object == null ? null : serialization.convertValue(object, Map.class);
    }

    /** The policy's verdict; a policy that fails refuses the request instead of failing the call. */
    private AdmissionVerdict decide(AdmissionRequest request) {
        try {
            return policy.admit(request);
        } catch (RuntimeException e) {
            LOG.error("admission failed: kind={} name={} namespace={} operation={} uid={}", request.getKind().getKind(),
                    request.getName(), request.getNamespace(), request.getOperation(), request.getUid(), e);
            return AdmissionVerdict.refuse(Refusals.internalError("the cluster-ipam webhook failed: " + e), List.of());
        }
    }
}

package dev.clusteripam.webhook.server;

/**
 * Answers one kind of review the API server posts (an AdmissionReview or a ConversionReview):
 * the request body in, the response body out, both JSON.
 */
@FunctionalInterface
public interface ReviewEndpoint {

    /** Most reviews carry one object and its old version; Kubernetes caps an object near 1.5 MiB. */
    int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    /**
     * The response body for {@code requestBody}.
     *
     * @throws MalformedReviewException when the body is no review this endpoint understands
     */
    byte[] respond(byte[] requestBody) throws MalformedReviewException;

    /** The largest request body this endpoint accepts. */
    default int maxRequestBytes() {
        return DEFAULT_MAX_REQUEST_BYTES;
    }
}

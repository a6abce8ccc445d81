package dev.clusteripam.webhook.server;

/** A request body that is not a review the endpoint can answer; the message says why. */
public final class MalformedReviewException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedReviewException(String message) {
        super(message);
    }

    public MalformedReviewException(String message, Throwable cause) {
        super(message, cause);
    }
}

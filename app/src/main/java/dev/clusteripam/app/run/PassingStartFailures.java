package dev.clusteripam.app.run;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Which failures of the provider's start pass by themselves, and how long to wait before starting
 * again. The API server answers {@code 429 storage is (re)initializing} (with a Retry-After) while
 * its watch cache of a kind loads, after it restarted or after a CRD changed (an upgrade with
 * clusterctl); a 5xx or a refused connection while it restarts. controller-runtime's managers retry
 * their lists through such moments; a provider that exited instead would restart in a crash loop.
 * Anything else (401, 403, 404: no credentials, no RBAC, no CRD) is the operator's to fix, and the
 * start fails at once as before.
 */
final class PassingStartFailures {

    /** The longest wait between two attempts, whatever the API server asks. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    private PassingStartFailures() {
    }

    /**
     * How long to wait before attempt {@code attempt + 1}, or empty when {@code failure} does not pass
     * by itself: the API server's Retry-After when it gives one, else 1, 2, 4, 8 s; never more than
     * {@link #LONGEST_WAIT}.
     */
    static Optional<Duration> waitAfter(Throwable failure, int attempt) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KubernetesClientException server && passes(server.getCode())) {
                return Optional.of(retryAfter(server.getStatus()).orElseGet(() -> backoff(attempt)));
            }
            // A TLS failure (an unknown CA, a wrong host name) is configuration, though an IOException.
            if (cause instanceof IOException && !(cause instanceof SSLException)) {
                return Optional.of(backoff(attempt));
            }
        }
        return Optional.empty();
    }

    private static boolean passes(int code) {
        return code == 429 || code >= 500;
    }

    private static Optional<Duration> retryAfter(Status status) {
        if (status == null || status.getDetails() == null || status.getDetails().getRetryAfterSeconds() == null
                || status.getDetails().getRetryAfterSeconds() <= 0) {
            return Optional.empty();
        }
        Duration asked = Duration.ofSeconds(status.getDetails().getRetryAfterSeconds());
        return Optional.of(asked.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : asked);
    }

    private static Duration backoff(int attempt) {
        Duration doubled = Duration.ofSeconds(1L << Math.min(Math.max(attempt - 1, 0), 4));
        return doubled.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : doubled;
    }
}

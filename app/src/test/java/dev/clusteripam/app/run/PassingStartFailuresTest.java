package dev.clusteripam.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusteripam.app.lifecycle.StartupException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class PassingStartFailuresTest {

    @Test
    void theWatchCacheLoadingIsWaitedForAsTheApiServerAsks() {
        // What the operator's start threw when its first list met an API server loading 50k objects (docs/benchmarks.md).
        RuntimeException started = new CompletionException(server(429, "storage is (re)initializing", 3));

        assertThat(PassingStartFailures.waitAfter(started, 1)).contains(Duration.ofSeconds(3));
        assertThat(PassingStartFailures.waitAfter(server(429, "too many requests", 60), 1)).contains(PassingStartFailures.LONGEST_WAIT);
    }

    @Test
    void serverErrorsAndRefusedConnectionsBackOff() {
        assertThat(PassingStartFailures.waitAfter(server(503, "unavailable", null), 1)).contains(Duration.ofSeconds(1));
        assertThat(PassingStartFailures.waitAfter(server(500, "etcd", null), 3)).contains(Duration.ofSeconds(4));
        assertThat(PassingStartFailures.waitAfter(new KubernetesClientException("list", new ConnectException("refused")), 9))
                .contains(PassingStartFailures.LONGEST_WAIT);
    }

    @Test
    void whatTheOperatorMustFixFailsAtOnce() {
        assertThat(PassingStartFailures.waitAfter(server(403, "forbidden", null), 1)).isEmpty();
        assertThat(PassingStartFailures.waitAfter(server(404, "the server could not find the requested resource", null), 1)).isEmpty();
        assertThat(PassingStartFailures.waitAfter(server(401, "Unauthorized", null), 1)).isEmpty();
        assertThat(PassingStartFailures.waitAfter(new KubernetesClientException("list", new SSLHandshakeException("unknown CA")), 1)).isEmpty();
        assertThat(PassingStartFailures.waitAfter(new IllegalStateException("the IPAddress cache did not sync"), 1)).isEmpty();
    }

    @Test
    void aStartIsTriedAgainUntilItSucceeds() throws StartupException {
        AtomicInteger attempts = new AtomicInteger();
        List<Long> pauses = new ArrayList<>();

        String started = RunningProvider.startRetryingPassingFailures(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw server(429, "storage is (re)initializing", 3);
            }
            return "running";
        }, Duration.ofMinutes(2), pauses::add, "https://127.0.0.1:6443");

        assertThat(started).isEqualTo("running");
        assertThat(attempts).hasValue(3);
        assertThat(pauses).containsExactly(3_000L, 3_000L);
    }

    @Test
    void aStartFailsOnAFailureThatDoesNotPassOrOncePatienceIsSpent() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> RunningProvider.startRetryingPassingFailures(() -> {
            attempts.incrementAndGet();
            throw server(403, "forbidden", null);
        }, Duration.ofMinutes(2), millis -> { }, "https://127.0.0.1:6443"))
                .isInstanceOf(StartupException.class).hasMessageContaining("did not start against https://127.0.0.1:6443").hasMessageContaining("forbidden");
        assertThat(attempts).hasValue(1);

        // The next wait would end after the patience: the failure is reported, not waited out.
        assertThatThrownBy(() -> RunningProvider.startRetryingPassingFailures(() -> {
            throw server(429, "storage is (re)initializing", 3);
        }, Duration.ofSeconds(2), millis -> { }, "https://127.0.0.1:6443"))
                .isInstanceOf(StartupException.class).hasMessageContaining("storage is (re)initializing");
    }

    private static KubernetesClientException server(int code, String message, Integer retryAfterSeconds) {
        Status status = new StatusBuilder().withCode(code).withMessage(message).withNewDetails().withRetryAfterSeconds(retryAfterSeconds)
                .endDetails().build();
        return new KubernetesClientException(status);
    }
}

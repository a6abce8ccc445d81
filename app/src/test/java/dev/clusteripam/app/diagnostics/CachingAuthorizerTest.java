package dev.clusteripam.app.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachingAuthorizerTest {

    private static final Optional<String> BAD = Optional.of("not-a-token");
    private static final Optional<String> GOOD = Optional.of("a-token-allowed-to-read");

    private final AtomicLong now = new AtomicLong(42);
    private final AtomicInteger reviews = new AtomicInteger();
    private final RequestAuthorizer apiServer = (token, path) -> {
        reviews.incrementAndGet();
        return token.equals(GOOD) && path.equals("/metrics") ? Verdict.ALLOWED : Verdict.unauthenticated("the token is not valid");
    };
    private final CachingAuthorizer authorizer = new CachingAuthorizer(apiServer, now::get);

    @Test
    void aFloodOfOneBadTokenIsReviewedOncePerDeniedInterval() {
        for (int i = 0; i < 100; i++) {
            assertThat(authorizer.authorize(BAD, "/metrics").status()).isEqualTo(401);
        }
        assertThat(reviews).hasValue(1);

        later(CachingAuthorizer.DENIED_FOR.minusNanos(1));
        authorizer.authorize(BAD, "/metrics");
        assertThat(reviews).hasValue(1);

        later(Duration.ofNanos(1));
        authorizer.authorize(BAD, "/metrics");
        assertThat(reviews).hasValue(2);
    }

    @Test
    void anAllowedTokenIsReviewedOncePerAllowedInterval() {
        assertThat(authorizer.authorize(GOOD, "/metrics").allowed()).isTrue();
        later(CachingAuthorizer.ALLOWED_FOR.minusSeconds(1));
        assertThat(authorizer.authorize(GOOD, "/metrics").allowed()).isTrue();
        assertThat(reviews).hasValue(1);

        later(Duration.ofSeconds(1));
        assertThat(authorizer.authorize(GOOD, "/metrics").allowed()).isTrue();
        assertThat(reviews).hasValue(2);
    }

    @Test
    void eachTokenAndPathIsItsOwnEntry() {
        assertThat(authorizer.authorize(GOOD, "/metrics").allowed()).isTrue();
        assertThat(authorizer.authorize(GOOD, "/elsewhere").allowed()).isFalse();
        assertThat(authorizer.authorize(BAD, "/metrics").allowed()).isFalse();

        assertThat(reviews).hasValue(3);
    }

    @Test
    void aRequestWithoutTokenIsNeverRemembered() {
        authorizer.authorize(Optional.empty(), "/metrics");
        authorizer.authorize(Optional.empty(), "/metrics");

        assertThat(reviews).hasValue(2);
    }

    @Test
    void anApiServerThatDidNotAnswerIsAskedAgainNextTime() {
        AtomicInteger calls = new AtomicInteger();
        CachingAuthorizer failingOnce = new CachingAuthorizer((token, path) -> {
            if (calls.incrementAndGet() == 1) {
                throw new KubernetesClientException("connection refused");
            }
            return Verdict.ALLOWED;
        }, now::get);

        assertThatThrownBy(() -> failingOnce.authorize(GOOD, "/metrics")).isInstanceOf(KubernetesClientException.class)
                .hasMessage("connection refused");
        assertThat(failingOnce.authorize(GOOD, "/metrics").allowed()).isTrue();
        assertThat(calls).hasValue(2);
    }

    @Test
    void holdsAtMostItsBoundOfEntriesDroppingTheLeastRecentlyUsed() {
        authorizer.authorize(BAD, "/metrics");
        for (int i = 0; i < CachingAuthorizer.MAX_ENTRIES; i++) {
            authorizer.authorize(Optional.of("token-" + i), "/metrics");
        }
        assertThat(reviews).hasValue(CachingAuthorizer.MAX_ENTRIES + 1);

        authorizer.authorize(Optional.of("token-" + (CachingAuthorizer.MAX_ENTRIES - 1)), "/metrics");
        assertThat(reviews).as("the newest is still there").hasValue(CachingAuthorizer.MAX_ENTRIES + 1);
        authorizer.authorize(BAD, "/metrics");
        assertThat(reviews).as("the eldest was dropped").hasValue(CachingAuthorizer.MAX_ENTRIES + 2);
    }

    @Test
    void requestsArrivingDuringAReviewWaitForItsAnswer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        CachingAuthorizer slowApiServer = new CachingAuthorizer((token, path) -> {
            calls.incrementAndGet();
            await(release);
            return Verdict.unauthenticated("the token is not valid");
        }, now::get);
        ExecutorService requests = Executors.newFixedThreadPool(8);
        try {
            List<Future<Verdict>> verdicts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                verdicts.add(requests.submit(() -> slowApiServer.authorize(BAD, "/metrics")));
            }
            Thread.sleep(200);
            release.countDown();
            for (Future<Verdict> verdict : verdicts) {
                assertThat(verdict.get(5, TimeUnit.SECONDS).status()).isEqualTo(401);
            }
            assertThat(calls).hasValue(1);
        } finally {
            requests.shutdownNow();
        }
    }

    private void later(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.clusteripam.app.diagnostics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * Remembers for a short time what the API server said about a token and a path, as
 * kube-rbac-proxy does, so that a scraper polling every few seconds, or a flood of requests with
 * the same bad token, costs one TokenReview and SubjectAccessReview per interval rather than one
 * per request. Requests that arrive while the first one with the same token and path is being
 * reviewed wait for its answer instead of asking again. Entries are keyed by the SHA-256 of the
 * token, never by its text, and the least recently used go first beyond {@link #MAX_ENTRIES}. An
 * API server that did not answer is not remembered: the next request asks again.
 */
final class CachingAuthorizer implements RequestAuthorizer {

    /** A revoked token or a removed role binding stops working within this time. */
    static final Duration ALLOWED_FOR = Duration.ofSeconds(30);
    /** A token just made, or a binding just granted, works within this time. */
    static final Duration DENIED_FOR = Duration.ofSeconds(10);
    static final int MAX_ENTRIES = 1024;

    private final RequestAuthorizer reviews;
    private final LongSupplier nanoTime;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        // Qualified: inside this subclass, a plain Entry names the class LinkedHashMap inherits from HashMap.
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CachingAuthorizer.Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private record Key(String tokenSha256, String path) {
    }

    /** A verdict, or the review that will give it; it expires once known. */
    private static final class Entry {
        final CompletableFuture<Verdict> verdict = new CompletableFuture<>();
        /** Set before the verdict completes. */
        volatile long expiresAtNanos;

        boolean expired(long now) {
            return verdict.isDone() && now - expiresAtNanos >= 0;
        }
    }

    CachingAuthorizer(RequestAuthorizer reviews) {
        this(reviews, System::nanoTime);
    }

    CachingAuthorizer(RequestAuthorizer reviews, LongSupplier nanoTime) {
        this.reviews = reviews;
        this.nanoTime = nanoTime;
    }

    @Override
    public Verdict authorize(Optional<String> bearerToken, String path) {
        if (bearerToken.isEmpty()) {
            return reviews.authorize(bearerToken, path);
        }
        Key key = new Key(sha256(bearerToken.get()), path);
        Entry entry;
        boolean mine = false;
        synchronized (entries) {
            entry = entries.get(key);
            if (entry == null || entry.expired(nanoTime.getAsLong())) {
                entry = new Entry();
                entries.put(key, entry);
                mine = true;
            }
        }
        if (mine) {
            review(key, entry, bearerToken, path);
        }
        try {
            return entry.verdict.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void review(Key key, Entry entry, Optional<String> bearerToken, String path) {
        try {
            Verdict verdict = reviews.authorize(bearerToken, path);
            entry.expiresAtNanos = nanoTime.getAsLong() + (verdict.allowed() ? ALLOWED_FOR : DENIED_FOR).toNanos();
            entry.verdict.complete(verdict);
        } catch (RuntimeException e) {
            synchronized (entries) {
                entries.remove(key, entry);
            }
            entry.verdict.completeExceptionally(e);
        }
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

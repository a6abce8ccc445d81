package dev.clusteripam.app.diagnostics;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * What controller-runtime's {@code filters.WithAuthenticationAndAuthorization} does, and so what
 * Cluster API providers do: the API server says who the token belongs to (a TokenReview), then
 * whether that user may {@code get} the path as a nonResourceURL (a SubjectAccessReview). The
 * provider's ClusterRole needs {@code create} on both.
 */
final class KubernetesAuthorizer implements RequestAuthorizer {

    private static final String VERB = "get";

    private final KubernetesClient client;

    KubernetesAuthorizer(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Verdict authorize(Optional<String> bearerToken, String path) {
        if (bearerToken.isEmpty()) {
            return Verdict.unauthenticated("no bearer token");
        }
        TokenReview review = client.authentication().v1().tokenReviews()
                .create(new TokenReviewBuilder().withNewSpec().withToken(bearerToken.get()).endSpec().build());
        if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAuthenticated())) {
            String error = review.getStatus() == null ? null : review.getStatus().getError();
            return Verdict.unauthenticated(error == null || error.isEmpty() ? "the token is not valid" : error);
        }
        UserInfo user = review.getStatus().getUser();
        SubjectAccessReview access = client.authorization().v1().subjectAccessReview()
                .create(new SubjectAccessReviewBuilder().withNewSpec()
                        .withUser(user.getUsername())
                        .withGroups(user.getGroups())
                        .withUid(user.getUid())
                        .withExtra(user.getExtra())
                        .withNewNonResourceAttributes().withPath(path).withVerb(VERB).endNonResourceAttributes()
                        .endSpec().build());
        if (access.getStatus() != null && Boolean.TRUE.equals(access.getStatus().getAllowed())) {
            return Verdict.ALLOWED;
        }
        return Verdict.forbidden("user \"" + user.getUsername() + "\" may not " + VERB + " " + path);
    }
}

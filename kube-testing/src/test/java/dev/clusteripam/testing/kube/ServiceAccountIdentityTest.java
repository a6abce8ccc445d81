package dev.clusteripam.testing.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * A ServiceAccount token from the TokenRequest API authenticates, and RBAC alone decides what it
 * may do: later tests run the provider with nothing but its Role.
 */
@WithKubernetes
class ServiceAccountIdentityTest {

    private static final String ACCOUNT = "ipam-provider";

    /** RBAC changes reach the authorizer through the API server's informers, not at once. */
    private static final Duration RBAC_PROPAGATION = Duration.ofSeconds(10);

    private String namespace;
    private String user;
    private String token;

    @BeforeEach
    void createAccountAndToken(KubernetesClient admin) {
        namespace = admin.getNamespace();
        user = "system:serviceaccount:" + namespace + ":" + ACCOUNT;
        admin.serviceAccounts()
                .resource(
                        new ServiceAccountBuilder()
                                .withNewMetadata()
                                .withName(ACCOUNT)
                                .endMetadata()
                                .build())
                .create();
        token =
                admin.serviceAccounts()
                        .withName(ACCOUNT)
                        .tokenRequest(
                                new TokenRequestBuilder()
                                        .withNewSpec()
                                        .withExpirationSeconds(600L)
                                        .endSpec()
                                        .build())
                        .getStatus()
                        .getToken();
    }

    @Test
    void theTokenActsAsTheAccountWhichMayDoNothingUntilARoleIsBound(
            KubernetesClient admin, ControlPlane plane) {
        try (KubernetesClient provider = plane.newClientWithToken(token, namespace)) {
            SelfSubjectReview whoAmI =
                    provider.authentication()
                            .v1()
                            .selfSubjectReviews()
                            .create(new SelfSubjectReview());
            assertThat(whoAmI.getStatus().getUserInfo().getUsername()).isEqualTo(user);

            KubernetesClientException refusal =
                    catchThrowableOfType(
                            KubernetesClientException.class, () -> provider.configMaps().list());
            assertThat(refusal.getCode()).isEqualTo(403);
            assertThat(refusal.getMessage()).contains(user, "cannot list resource \"configmaps\"");

            grantConfigMapReading(admin);

            await().atMost(RBAC_PROPAGATION)
                    .ignoreException(KubernetesClientException.class)
                    .untilAsserted(
                            () -> assertThat(provider.configMaps().list().getItems()).isEmpty());
        }
    }

    @Test
    void tokenReviewAndSubjectAccessReviewAnswerForTheAccount(KubernetesClient admin) {
        TokenReview review =
                admin.authentication()
                        .v1()
                        .tokenReviews()
                        .create(
                                new TokenReviewBuilder()
                                        .withNewSpec()
                                        .withToken(token)
                                        .endSpec()
                                        .build());
        assertThat(review.getStatus().getAuthenticated()).isTrue();
        assertThat(review.getStatus().getUser().getUsername()).isEqualTo(user);

        assertThat(mayListConfigMaps(admin)).isFalse();
        grantConfigMapReading(admin);
        await().atMost(RBAC_PROPAGATION).until(() -> mayListConfigMaps(admin));
    }

    private boolean mayListConfigMaps(KubernetesClient admin) {
        SubjectAccessReview review =
                admin.authorization()
                        .v1()
                        .subjectAccessReview()
                        .create(
                                new SubjectAccessReviewBuilder()
                                        .withNewSpec()
                                        .withUser(user)
                                        .withNewResourceAttributes()
                                        .withNamespace(namespace)
                                        .withVerb("list")
                                        .withResource("configmaps")
                                        .endResourceAttributes()
                                        .endSpec()
                                        .build());
        return review.getStatus().getAllowed();
    }

    private void grantConfigMapReading(KubernetesClient admin) {
        admin.rbac()
                .roles()
                .resource(
                        new RoleBuilder()
                                .withNewMetadata()
                                .withName("configmap-reader")
                                .endMetadata()
                                .addNewRule()
                                .withApiGroups("")
                                .withResources("configmaps")
                                .withVerbs("get", "list")
                                .endRule()
                                .build())
                .create();
        admin.rbac()
                .roleBindings()
                .resource(
                        new RoleBindingBuilder()
                                .withNewMetadata()
                                .withName("provider-reads-configmaps")
                                .endMetadata()
                                .withNewRoleRef(
                                        "rbac.authorization.k8s.io", "Role", "configmap-reader")
                                .addNewSubject()
                                .withKind("ServiceAccount")
                                .withName(ACCOUNT)
                                .withNamespace(namespace)
                                .endSubject()
                                .build())
                .create();
    }
}

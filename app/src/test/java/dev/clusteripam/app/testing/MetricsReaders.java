package dev.clusteripam.app.testing;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** ServiceAccounts of a test's namespace as scrapers of the diagnostics endpoint: their tokens, and the right to read. */
public final class MetricsReaders {

    private MetricsReaders() {
    }

    /** Creates {@code account} in the client's namespace and returns a token of it, valid for ten minutes. */
    public static String serviceAccountToken(KubernetesClient admin, String account) {
        admin.serviceAccounts().resource(new ServiceAccountBuilder().withNewMetadata().withName(account).endMetadata().build()).create();
        return admin.serviceAccounts().withName(account)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
                .getStatus().getToken();
    }

    /** What Cluster API's metrics-reader ClusterRole grants, bound to one account of the test's namespace. */
    public static void allowMetricsReading(KubernetesClient admin, String account) {
        String name = admin.getNamespace() + "-metrics-reader";
        admin.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(name).endMetadata()
                .addNewRule().withNonResourceURLs("/metrics").withVerbs("get").endRule().build()).create();
        admin.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", name)
                .addNewSubject().withKind("ServiceAccount").withName(account).withNamespace(admin.getNamespace()).endSubject()
                .build()).create();
    }
}

package dev.clusteripam.deploy;

import static dev.clusteripam.deploy.ReleaseArtifacts.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.ConditionStatus;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.capi.IPAddressClaimSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.GlobalInClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ledger.IPAllocationBlock;
import dev.clusteripam.controller.Provider;
import dev.clusteripam.controller.ProviderOptions;
import dev.clusteripam.controller.pool.PoolReconciler;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The provider, running as the release's ServiceAccount with nothing but the release's ClusterRole
 * and leader election Role, goes through the whole claim scenario; a write it does not need is
 * refused.
 */
@WithKubernetes
class LeastPrivilegeRbacTest {

    /** RBAC changes reach the authorizer through the API server's informers, not at once. */
    private static final Duration RBAC_PROPAGATION = Duration.ofSeconds(30);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> RBAC_KINDS = List.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");

    @Test
    void theProviderRunsTheClaimScenarioWithOnlyTheGeneratedRbacAndMayNotWriteWhatItDoesNotNeed(
            KubernetesClient admin, ControlPlane plane) {
        Manifests components = ReleaseArtifacts.get().componentObjects();
        String account = installRbac(admin, components);
        String user = "system:serviceaccount:" + NAMESPACE + ":" + account;
        String namespace = admin.getNamespace();
        awaitPermissions(admin, user, namespace);

        String token = admin.serviceAccounts().inNamespace(NAMESPACE).withName(account)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
        // Its own Lease name, so that a control plane reused across runs never makes it wait for a stale holder.
        String leaseName = "rbac-test-" + UUID.randomUUID();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> providerLog = new ListAppender<>();
        providerLog.start();
        root.addAppender(providerLog);
        try (KubernetesClient asProvider = plane.newClientWithToken(token, namespace);
                Provider provider = Provider.start(asProvider, new ProviderOptions(Optional.empty(), Optional.empty(), 4,
                        Optional.of(new ProviderOptions.LeaderElection(NAMESPACE, leaseName))))) {

            // Leader election: the Lease in the provider's namespace, held by this provider and renewed.
            await().atMost(PATIENCE).untilAsserted(() -> {
                Lease lease = admin.leases().inNamespace(NAMESPACE).withName(leaseName).get();
                assertThat(lease).isNotNull();
                assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(provider.identity());
            });
            ZonedDateTime acquired = admin.leases().inNamespace(NAMESPACE).withName(leaseName).get().getSpec().getRenewTime();
            await().atMost(PATIENCE).until(() -> admin.leases().inNamespace(NAMESPACE).withName(leaseName).get().getSpec().getRenewTime(),
                    renewed -> renewed.isAfter(acquired));

            // Given a pool and three claims, then the three lowest free addresses (claims made at once are
            // reconciled in parallel, so which claim gets which is not fixed).
            createPool(admin, "pool");
            List<String> claims = List.of("claim-a", "claim-b", "claim-c");
            claims.forEach(claim -> createClaim(admin, claim, "pool"));
            assertThat(claims).map(claim -> awaitAddress(admin, claim).getSpec().getAddress())
                    .containsExactlyInAnyOrder("10.0.0.2", "10.0.0.3", "10.0.0.4");
            await().atMost(PATIENCE).until(() -> poolUsed(admin, "pool"), used -> used == 3);

            // When a claim is deleted, then its address is released: IPAddress gone, claim's finalizer removed.
            admin.resources(IPAddressClaim.class).withName("claim-b").delete();
            await().atMost(PATIENCE).until(() -> admin.resources(IPAddressClaim.class).withName("claim-b").get() == null
                    && admin.resources(IPAddress.class).withName("claim-b").get() == null);
            await().atMost(PATIENCE).until(() -> poolUsed(admin, "pool"), used -> used == 2);

            // A global pool with a namespace selector: the provider reads the namespace's labels (list and watch on
            // namespaces) and serves the claim of a selected namespace, refuses that of another.
            admin.namespaces().withName(namespace).edit(ns -> {
                ns.getMetadata().setLabels(Map.of("team", "blue"));
                return ns;
            });
            createGlobalPool(admin, namespace + "-blue", "10.1.0.0/24", "blue");
            createGlobalPool(admin, namespace + "-green", "10.2.0.0/24", "green");
            admin.resource(claim("claim-blue", PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, namespace + "-blue")).create();
            admin.resource(claim("claim-green", PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, namespace + "-green")).create();
            assertThat(awaitAddress(admin, "claim-blue").getSpec().getAddress()).isEqualTo("10.1.0.1");
            await().atMost(PATIENCE).until(() -> readyCondition(admin, "claim-green")
                    .map(c -> c.getStatus() == ConditionStatus.FALSE && "PoolNotReady".equals(c.getReason())).orElse(false));
            // The refusal is recorded (as its ServiceAccount) as a Warning event; a success records none, its
            // condition tells of it. Events are sent apart from the reconcile: the refusal's may land after the status.
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(providerEvents(admin))
                    .anyMatch(e -> "claim-green".equals(e.getInvolvedObject().getName()) && "PoolNotReady".equals(e.getReason())
                            && "Warning".equals(e.getType())));
            assertThat(providerEvents(admin)).as("no event for the four claims served").noneMatch(e -> "Normal".equals(e.getType())
                    || "Allocated".equals(e.getReason()));
            admin.resources(IPAddressClaim.class).withName("claim-blue").delete();
            admin.resources(IPAddressClaim.class).withName("claim-green").delete();

            // A write it does not need is refused: deleting a pool, making claims or Secrets, reading Secrets,
            // widening its own role, deleting its Lease.
            assertForbidden(() -> asProvider.resources(InClusterIPPool.class).withName("pool").delete());
            assertForbidden(() -> asProvider.resource(claim("made-by-provider", PoolKind.IN_CLUSTER_IP_POOL, "pool")).create());
            assertForbidden(() -> asProvider.namespaces().withName(namespace).edit(ns -> {
                ns.getMetadata().setLabels(Map.of("team", "green"));
                return ns;
            }));
            assertForbidden(() -> asProvider.secrets().resource(new SecretBuilder().withNewMetadata().withName("loot").endMetadata()
                    .addToStringData("k", "v").build()).create());
            assertForbidden(() -> asProvider.secrets().list());
            ClusterRole role = admin.rbac().clusterRoles().withName(components.single("ClusterRole").getMetadata().getName()).get();
            assertForbidden(() -> asProvider.rbac().clusterRoles().withName(role.getMetadata().getName())
                    .edit(r -> {
                        r.getRules().get(0).getVerbs().add("delete");
                        return r;
                    }));
            assertForbidden(() -> asProvider.leases().inNamespace(NAMESPACE).withName(leaseName).delete());

            // When the last claims and then the pool are deleted, the provider lets the pool go and forgets its ledger.
            admin.resources(IPAddressClaim.class).withName("claim-a").delete();
            admin.resources(IPAddressClaim.class).withName("claim-c").delete();
            await().atMost(PATIENCE).until(() -> admin.resources(IPAddress.class).list().getItems().isEmpty());
            assertThat(admin.resources(InClusterIPPool.class).withName("pool").get().getMetadata().getFinalizers())
                    .contains(PoolReconciler.PROTECT_POOL_FINALIZER);
            admin.resources(InClusterIPPool.class).withName("pool").delete();
            await().atMost(PATIENCE).until(() -> admin.resources(InClusterIPPool.class).withName("pool").get() == null);
            await().atMost(PATIENCE).until(() -> ledgerBlocksOf(admin, namespace, "pool").isEmpty());
        } finally {
            providerLog.stop();
            root.detachAppender(providerLog);
        }
        // Some refusals are only logged (an event not recorded, a Lease not renewed): none may have happened.
        assertThat(providerLog.list).extracting(LeastPrivilegeRbacTest::describe).noneMatch(line -> line.contains("forbidden"));
    }

    private static String describe(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(": ").append(event.getFormattedMessage());
        for (; thrown != null; thrown = thrown.getCause()) {
            line.append(" / ").append(thrown.getMessage());
        }
        return line.toString();
    }

    /** Applies the release's ServiceAccount, roles and bindings for real, as clusterctl would; returns the account. */
    private static String installRbac(KubernetesClient admin, Manifests components) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .serverSideApply();
        for (String kind : RBAC_KINDS) {
            for (GenericKubernetesResource object : components.ofKind(kind)) {
                admin.resource(object).fieldManager("rbac-test").forceConflicts().serverSideApply();
            }
        }
        return components.single("ServiceAccount").getMetadata().getName();
    }

    /** Waits until the authorizer knows the new bindings: one permission from each role. */
    private static void awaitPermissions(KubernetesClient admin, String user, String namespace) {
        await().atMost(RBAC_PROPAGATION).until(() -> allowed(admin, user, namespace, "ipam.cluster.x-k8s.io", "ipaddressclaims", "list")
                && allowed(admin, user, NAMESPACE, "coordination.k8s.io", "leases", "create"));
    }

    private static boolean allowed(KubernetesClient admin, String user, String namespace, String group, String resource, String verb) {
        return admin.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
                .withNewSpec().withUser(user).withGroups("system:serviceaccounts", "system:authenticated")
                .withNewResourceAttributes().withNamespace(namespace).withGroup(group).withResource(resource).withVerb(verb)
                .endResourceAttributes().endSpec().build()).getStatus().getAllowed();
    }

    private static void assertForbidden(Runnable write) {
        KubernetesClientException refusal = catchThrowableOfType(KubernetesClientException.class, write::run);
        assertThat(refusal).as("expected 403 Forbidden, but the request went through").isNotNull();
        assertThat(refusal.getCode()).as(refusal.getMessage()).isEqualTo(403);
    }

    private static void createPool(KubernetesClient admin, String name) {
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of("10.0.0.0/24"), 24);
        spec.setGateway("10.0.0.1");
        InClusterIPPool pool = new InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).build());
        pool.setSpec(spec);
        admin.resource(pool).create();
    }

    private static void createGlobalPool(KubernetesClient admin, String name, String cidr, String team) {
        GlobalInClusterIPPoolSpec spec = new GlobalInClusterIPPoolSpec(List.of(cidr), 24);
        spec.setNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("team", team)).build());
        GlobalInClusterIPPool pool = new GlobalInClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).build());
        pool.setSpec(spec);
        admin.resource(pool).create();
    }

    private static void createClaim(KubernetesClient admin, String name, String pool) {
        admin.resource(claim(name, PoolKind.IN_CLUSTER_IP_POOL, pool)).create();
    }

    private static IPAddressClaim claim(String name, PoolKind kind, String pool) {
        IPAddressClaim claim = new IPAddressClaim();
        claim.setMetadata(new ObjectMetaBuilder().withName(name).build());
        IPAddressClaimSpec spec = new IPAddressClaimSpec();
        spec.setPoolRef(new IPPoolReference(PoolKind.GROUP, kind.kind(), pool));
        claim.setSpec(spec);
        return claim;
    }

    /** Waits until the claim is Ready (a status patch by the provider) and returns its IPAddress. */
    private static IPAddress awaitAddress(KubernetesClient admin, String claim) {
        await().atMost(PATIENCE).until(() -> readyCondition(admin, claim).map(c -> c.getStatus() == ConditionStatus.TRUE).orElse(false));
        IPAddressClaim current = admin.resources(IPAddressClaim.class).withName(claim).get();
        assertThat(current.getStatus().getAddressRef().getName()).isEqualTo(claim);
        return admin.resources(IPAddress.class).withName(claim).get();
    }

    private static Optional<Condition> readyCondition(KubernetesClient admin, String claim) {
        IPAddressClaim current = admin.resources(IPAddressClaim.class).withName(claim).get();
        if (current == null || current.getStatus() == null || current.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return current.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    /** The pool's status.ipAddresses.used, written by the provider's status patch. */
    private static long poolUsed(KubernetesClient admin, String pool) {
        GenericKubernetesResource current = admin.genericKubernetesResources(PoolKind.GROUP + "/v1alpha2", PoolKind.IN_CLUSTER_IP_POOL.kind())
                .withName(pool).get();
        Object used = Manifests.field(current, "status", "ipAddresses", "used");
        return used instanceof Number number ? number.longValue() : -1;
    }

    /** Events the provider recorded (as its ServiceAccount) in the test namespace. */
    private static List<Event> providerEvents(KubernetesClient admin) {
        return admin.v1().events().list().getItems().stream().filter(e -> "cluster-ipam".equals(e.getReportingComponent())).toList();
    }

    private static List<IPAllocationBlock> ledgerBlocksOf(KubernetesClient admin, String namespace, String pool) {
        return admin.resources(IPAllocationBlock.class).list().getItems().stream()
                .filter(block -> namespace.equals(block.getSpec().getPoolNamespace()) && pool.equals(block.getSpec().getPoolName()))
                .toList();
    }
}

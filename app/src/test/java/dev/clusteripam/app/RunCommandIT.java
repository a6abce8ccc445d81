package dev.clusteripam.app;

import static dev.clusteripam.app.testing.Loopback.freePort;
import static dev.clusteripam.app.testing.Loopback.get;

import static dev.clusteripam.app.testing.MetricsScraper.scrape;
import static dev.clusteripam.app.testing.ScenarioObjects.claim;
import static dev.clusteripam.app.testing.ScenarioObjects.ipPool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/cluster-ipam run} as a Deployment runs it: flags from upstream's manifests, SIGTERM to stop. */
@Tag(ClusterIpamLauncherIT.TAG)
@WithKubernetes
class RunCommandIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path directory;

    @Test
    void sigtermStopsItCleanly(ControlPlane plane) throws Exception {
        int probePort = freePort();
        try (LaunchedCommand run = LaunchedCommand.start(directory, Map.of(), "run", "--kubeconfig", plane.kubeconfig().toString(),
                "--health-probe-bind-address=127.0.0.1:" + probePort, "--diagnostics-address=127.0.0.1:0", "--webhook-port", "0", "--sync-period=10m", "--v", "2")) {
            await().atMost(PATIENCE).ignoreExceptions().until(() -> get(probePort, "/readyz") == 200);
            assertThat(get(probePort, "/healthz")).isEqualTo(200);

            run.terminate();

            assertThat(run.awaitExit(Duration.ofSeconds(30))).as("the JVM's exit status after SIGTERM").isEqualTo(128 + 15);
            assertThat(run.err().lines().filter(line -> line.contains("flags ignored"))).singleElement().asString()
                    .endsWith("flags=--sync-period,--v");
            assertThat(run.err()).contains("provider stopped");
        }
        assertThatThrownBy(() -> get(probePort, "/healthz")).isInstanceOf(ConnectException.class);
    }

    @Test
    void withLeaderElectionItHoldsUpstreamsLeaseInThePodsNamespace(KubernetesClient client, ControlPlane plane) throws Exception {
        // Outside a pod there is no service account namespace file; POD_NAMESPACE stands in for it.
        Map<String, String> pod = Map.of("POD_NAMESPACE", client.getNamespace());
        try (LaunchedCommand run = LaunchedCommand.start(directory, pod, "run", "--kubeconfig", plane.kubeconfig().toString(),
                "--leader-elect", "--health-probe-bind-address", "127.0.0.1:" + freePort(), "--diagnostics-address=127.0.0.1:0",
                "--webhook-port=0")) {
            await().atMost(PATIENCE).until(() -> {
                Lease lease = client.leases().withName("7bb7acb4.ipam.cluster.x-k8s.io").get();
                return lease != null && lease.getSpec().getHolderIdentity() != null;
            });

            ipPool(client, "pool", "10.0.0.0/24", Optional.of("10.0.0.1"));
            claim(client, "machine-0", "pool");

            await().atMost(PATIENCE).until(() -> client.resources(IPAddress.class).withName("machine-0").get() != null);
            assertThat(client.resources(IPAddress.class).withName("machine-0").get().getSpec().getAddress()).isEqualTo("10.0.0.2");
            assertThat(run.err()).contains("leaderElection=" + client.getNamespace() + "/7bb7acb4.ipam.cluster.x-k8s.io");

            // Giving the lease up because it is stopping must not turn into an exit of its own inside the shutdown.
            run.terminate();
            assertThat(run.awaitExit(Duration.ofSeconds(30))).as("the JVM's exit status after SIGTERM").isEqualTo(128 + 15);
        }
    }

    @Test
    void itServesItsMetricsOverHttpsToAnAllowedTokenOnly(KubernetesClient client, ControlPlane plane) throws Exception {
        int diagnosticsPort = freePort();
        String token = metricsReaderToken(client);
        try (LaunchedCommand run = LaunchedCommand.start(directory, Map.of(), "run", "--kubeconfig", plane.kubeconfig().toString(),
                "--namespace", client.getNamespace(), "--health-probe-bind-address=127.0.0.1:" + freePort(),
                "--diagnostics-address=127.0.0.1:" + diagnosticsPort, "--webhook-port=0")) {
            URI metrics = URI.create("https://127.0.0.1:" + diagnosticsPort + "/metrics");
            await().atMost(PATIENCE).ignoreExceptions().until(() -> scrape(metrics, Optional.empty()).statusCode() == 401);

            // Served from the start; the reconcilers' series appear once the provider has started them.
            HttpResponse<String> served = await().atMost(PATIENCE).until(() -> scrape(metrics, Optional.of(token)),
                    response -> response.statusCode() == 200 && response.body().contains("capi_ipam_reconcile_queue_depth{"));

            assertThat(served.body()).contains("capi_ipam_reconcile_queue_depth{controller=\"ipaddressclaims\"}", "jvm_memory_used_bytes");
            run.terminate();
            run.awaitExit(Duration.ofSeconds(30));
        }
    }

    /** A ServiceAccount's token, allowed to get /metrics as config/prometheus/metrics_reader_role.yaml allows Prometheus. */
    private static String metricsReaderToken(KubernetesClient client) {
        String name = client.getNamespace() + "-metrics-reader";
        client.serviceAccounts().resource(new ServiceAccountBuilder().withNewMetadata().withName("prometheus").endMetadata().build()).create();
        client.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName(name).endMetadata()
                .addNewRule().withNonResourceURLs("/metrics").withVerbs("get").endRule().build()).create();
        client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", name)
                .addNewSubject().withKind("ServiceAccount").withName("prometheus").withNamespace(client.getNamespace()).endSubject()
                .build()).create();
        return client.serviceAccounts().withName("prometheus")
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
                .getStatus().getToken();
    }
}

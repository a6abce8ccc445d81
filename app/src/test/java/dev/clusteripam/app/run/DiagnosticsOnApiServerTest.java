package dev.clusteripam.app.run;

import static dev.clusteripam.app.testing.MetricsReaders.allowMetricsReading;
import static dev.clusteripam.app.testing.MetricsReaders.serviceAccountToken;
import static dev.clusteripam.app.testing.MetricsScraper.scrape;
import static dev.clusteripam.app.testing.ScenarioObjects.claim;
import static dev.clusteripam.app.testing.ScenarioObjects.ipPool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.app.lifecycle.StartupException;
import dev.clusteripam.app.logging.LogFormat;
import dev.clusteripam.app.logging.LogLevel;
import dev.clusteripam.app.logging.LogSettings;
import dev.clusteripam.app.logging.LogSetup;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code run}'s diagnostics endpoint against the real API server: secure by default (HTTPS, a
 * ServiceAccount token checked by TokenReview and SubjectAccessReview for {@code get /metrics}),
 * plain HTTP with {@code --insecure-diagnostics}; and what it serves equals the cluster's state.
 * Each provider serves the test's namespace only, so that claims other tests left on the shared
 * control plane do not count.
 */
@WithKubernetes
class DiagnosticsOnApiServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final LeaderElectionLease OUTSIDE_A_POD = new LeaderElectionLease(Path.of("/nonexistent/namespace"), Map.of());

    @Test
    void httpsServesTheMetricsToATokenAllowedToGetThemAndRefusesOthers(KubernetesClient admin, ControlPlane plane) throws Exception {
        String namespace = admin.getNamespace();
        String allowed = serviceAccountToken(admin, "prometheus");
        String other = serviceAccountToken(admin, "someone-else");
        allowMetricsReading(admin, "prometheus");
        RunOptions options = RunFlagsTest.parse(flags(plane, namespace));

        try (RunningProvider running = RunningProvider.start(options, OUTSIDE_A_POD)) {
            URI metrics = URI.create("https://127.0.0.1:" + running.diagnosticsPort().orElseThrow() + "/metrics");

            assertThat(scrape(metrics, Optional.empty()).statusCode()).as("no token").isEqualTo(401);
            assertThat(scrape(metrics, Optional.of("not-a-token")).statusCode()).as("a token the API server does not know").isEqualTo(401);
            HttpResponse<String> refused = scrape(metrics, Optional.of(other));
            assertThat(refused.statusCode()).as("a token of an account without get on /metrics").isEqualTo(403);
            assertThat(refused.body()).contains("system:serviceaccount:" + namespace + ":someone-else");

            // RBAC reaches the API server's authorizer through its informers, a moment after the binding is made.
            HttpResponse<String> served = await().atMost(PATIENCE).until(() -> scrape(metrics, Optional.of(allowed)),
                    response -> response.statusCode() == 200);
            assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            PrometheusText text = PrometheusText.parse(served.body());
            assertThat(text.value("capi_ipam_reconcile_queue_depth", Map.of("controller", "ipaddressclaims"))).isPresent();
            assertThat(List.of("jvm_memory_used_bytes", "jvm_gc_live_data_size_bytes", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                    "process_cpu_usage", "process_uptime_seconds", "process_files_open_files")).allMatch(text::has);
            assertThat(scrape(URI.create(metrics.toString().replace("/metrics", "/elsewhere")), Optional.of(allowed)).statusCode())
                    .as("the token may get /metrics, nothing else").isEqualTo(403);
        }
    }

    @Test
    void insecureDiagnosticsServePlainHttpWithoutAToken(KubernetesClient admin, ControlPlane plane) throws Exception {
        RunOptions options = RunFlagsTest.parse(flags(plane, admin.getNamespace(), "--insecure-diagnostics"));

        try (RunningProvider running = RunningProvider.start(options, OUTSIDE_A_POD)) {
            HttpResponse<String> served = scrape(URI.create("http://127.0.0.1:" + running.diagnosticsPort().orElseThrow() + "/metrics"),
                    Optional.empty());

            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).contains("# TYPE capi_ipam_reconcile_queue_depth gauge");
        }
    }

    @Test
    void aDiagnosticsAddressInUseStopsTheStartAndWhatStartedBesideIt(KubernetesClient admin, ControlPlane plane) throws Exception {
        int probePort;
        try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            probePort = free.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            List<String> flags = new ArrayList<>(List.of(flags(plane, admin.getNamespace())));
            flags.set(flags.indexOf("--diagnostics-address") + 1, "127.0.0.1:" + taken.getLocalPort());
            flags.set(flags.indexOf("--health-probe-bind-address") + 1, "127.0.0.1:" + probePort);

            assertThatThrownBy(() -> RunningProvider.start(RunFlagsTest.parse(flags.toArray(String[]::new)), OUTSIDE_A_POD))
                    .isInstanceOf(StartupException.class)
                    .hasMessageStartingWith("--diagnostics-address 127.0.0.1:" + taken.getLocalPort() + ": cannot listen: ");
        }
        // The probes, started before the failure, are stopped again: their port is free.
        try (ServerSocket again = new ServerSocket(probePort, 0, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(probePort);
        }
    }

    @Test
    void diagnosticsAddressZeroServesNothing(KubernetesClient admin, ControlPlane plane) throws Exception {
        List<String> flags = new ArrayList<>(List.of(flags(plane, admin.getNamespace())));
        flags.set(flags.indexOf("--diagnostics-address") + 1, "0");

        try (RunningProvider running = RunningProvider.start(RunFlagsTest.parse(flags.toArray(String[]::new)), OUTSIDE_A_POD)) {
            assertThat(running.diagnosticsPort()).isEmpty();
        }
    }

    @Test
    void afterAScenarioTheScrapedValuesMatchTheCluster(KubernetesClient client, ControlPlane plane) throws Exception {
        String namespace = client.getNamespace();
        RunOptions options = RunFlagsTest.parse(flags(plane, namespace, "--insecure-diagnostics"));

        try (RunningProvider running = RunningProvider.start(options, OUTSIDE_A_POD)) {
            URI metrics = URI.create("http://127.0.0.1:" + running.diagnosticsPort().orElseThrow() + "/metrics");
            ipPool(client, "small", "10.0.0.10-10.0.0.11", Optional.empty());
            claim(client, "a", "small");
            claim(client, "b", "small");
            awaitReason(client, "a", "Allocated");
            awaitReason(client, "b", "Allocated");
            claim(client, "c", "small");
            awaitReason(client, "c", "PoolExhausted");
            claim(client, "lost", "missing");
            awaitReason(client, "lost", "PoolNotReady");

            Map<String, String> small = Map.of("kind", "InClusterIPPool", "namespace", namespace, "pool", "small");
            await().atMost(PATIENCE).untilAsserted(() -> {
                PrometheusText text = PrometheusText.parse(scrape(metrics, Optional.empty()).body());
                assertThat(poolCounts(text, small)).isEqualTo(poolStatus(client, "small")).isEqualTo(new IPAddressCounts(2, 0, 2, 0));
                assertThat(text.value("capi_ipam_allocations_total", small)).contains((double) addressCount(client));
                assertThat(text.value("capi_ipam_claims_waiting", Map.of("reason", "PoolExhausted"))).contains(1.0);
                assertThat(text.value("capi_ipam_claims_waiting", Map.of("reason", "PoolNotReady"))).contains(1.0);
                assertThat(text.value("capi_ipam_allocation_failures_total", Map.of("reason", "PoolExhausted"))).contains(1.0);
                assertThat(text.value("capi_ipam_allocation_failures_total", Map.of("reason", "PoolNotReady"))).contains(1.0);
            });

            client.resources(IPAddressClaim.class).withName("a").delete();
            awaitReason(client, "c", "Allocated");

            await().atMost(PATIENCE).untilAsserted(() -> {
                PrometheusText text = PrometheusText.parse(scrape(metrics, Optional.empty()).body());
                assertThat(poolCounts(text, small)).isEqualTo(poolStatus(client, "small")).isEqualTo(new IPAddressCounts(2, 0, 2, 0));
                assertThat(text.value("capi_ipam_allocations_total", small)).as("a, b, then c").contains(3.0);
                assertThat(text.value("capi_ipam_releases_total", small)).as("a's").contains(1.0);
                assertThat(text.value("capi_ipam_claims_waiting", Map.of("reason", "PoolExhausted"))).contains(0.0);
                assertThat(text.value("capi_ipam_claims_waiting", Map.of("reason", "PoolNotReady"))).contains(1.0);
                assertThat(text.value("capi_ipam_allocation_failures_total", Map.of("reason", "PoolExhausted"))).contains(1.0);
                assertThat(text.value("capi_ipam_allocation_duration_seconds_count", Map.of())).contains(3.0);
                assertThat(text.value("capi_ipam_allocation_duration_seconds_bucket", Map.of("le", "+Inf"))).contains(3.0);
            });
            assertThat(addressCount(client)).as("b's and c's").isEqualTo(2);
        }
    }

    @Test
    void inJsonARefusalLineCarriesTheClaimThePoolAndTheReasonAsFields(KubernetesClient client, ControlPlane plane) throws Exception {
        String namespace = client.getNamespace();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream originalStderr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            LogSetup.apply(new LogSettings(LogFormat.JSON, LogLevel.INFO));
            RunOptions options = RunFlagsTest.parse(flags(plane, namespace, "--diagnostics-address", "0"));
            try (RunningProvider running = RunningProvider.start(options, OUTSIDE_A_POD)) {
                claim(client, "lost", "missing");
                awaitReason(client, "lost", "PoolNotReady");

                JsonNode refusal = await().atMost(PATIENCE).until(() -> stderr.toString(StandardCharsets.UTF_8).lines()
                        .map(DiagnosticsOnApiServerTest::json)
                        .filter(line -> line.path("formattedMessage").asText().startsWith("not ready: claim=" + namespace + "/lost"))
                        .findFirst(), Optional::isPresent).orElseThrow();

                assertThat(refusal.path("level").asText()).isEqualTo("INFO");
                assertThat(refusal.path("claim").asText()).isEqualTo(namespace + "/lost");
                assertThat(refusal.path("pool").asText()).isEqualTo("InClusterIPPool/" + namespace + "/missing");
                assertThat(refusal.path("reason").asText()).isEqualTo("PoolNotReady");
            }
        } finally {
            System.setErr(originalStderr);
            LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
            context.reset();
            new ContextInitializer(context).autoConfig();
        }
    }

    /** The control plane's kubeconfig, this test's namespace only, free ports for the probes and the diagnostics, no webhook. */
    private static String[] flags(ControlPlane plane, String namespace, String... more) {
        List<String> flags = new ArrayList<>(List.of("--kubeconfig", plane.kubeconfig().toString(), "--namespace", namespace,
                "--health-probe-bind-address", "127.0.0.1:0", "--webhook-port", "0", "--diagnostics-address", "127.0.0.1:0",
                "--max-concurrent-reconciles", "2"));
        flags.addAll(List.of(more));
        return flags.toArray(String[]::new);
    }

    private static IPAddressCounts poolCounts(PrometheusText text, Map<String, String> pool) {
        return new IPAddressCounts(poolCount(text, pool, "total"), poolCount(text, pool, "free"), poolCount(text, pool, "used"),
                poolCount(text, pool, "outOfRange"));
    }

    private static long poolCount(PrometheusText text, Map<String, String> pool, String state) {
        Map<String, String> labels = new java.util.HashMap<>(pool);
        labels.put("state", state);
        return text.value("capi_ipam_pool_addresses", labels).map(Double::longValue).orElse(-1L);
    }

    private static IPAddressCounts poolStatus(KubernetesClient client, String pool) {
        InClusterIPPool current = client.resources(InClusterIPPool.class).withName(pool).get();
        return current.getStatus() == null ? new IPAddressCounts() : current.getStatus().getIpAddresses();
    }

    private static long addressCount(KubernetesClient client) {
        return client.resources(IPAddress.class).list().getItems().size();
    }

    private static void awaitReason(KubernetesClient client, String claim, String reason) {
        await().atMost(PATIENCE).until(() -> {
            IPAddressClaim current = client.resources(IPAddressClaim.class).withName(claim).get();
            return current != null && current.getStatus() != null && current.getStatus().getConditions() != null
                    && current.getStatus().getConditions().stream().map(Condition::getReason).anyMatch(reason::equals);
        });
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (Exception e) {
            return new ObjectMapper().createObjectNode();
        }
    }
}

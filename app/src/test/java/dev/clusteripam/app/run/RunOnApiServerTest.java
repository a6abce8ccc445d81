package dev.clusteripam.app.run;

import static dev.clusteripam.app.testing.ScenarioObjects.claim;
import static dev.clusteripam.app.testing.ScenarioObjects.ipPool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.app.lifecycle.StartupException;
import dev.clusteripam.app.run.LogCapture.Line;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} in this JVM against the real API server, started from the same flags a Deployment
 * passes: probes answer, claims get addresses, the webhook serves TLS when it has a certificate.
 */
@WithKubernetes
class RunOnApiServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final LeaderElectionLease OUTSIDE_A_POD = new LeaderElectionLease(Path.of("/nonexistent/namespace"), Map.of());

    @TempDir
    Path directory;

    @Test
    void theProbesAnswerAndAClaimGetsItsAddress(KubernetesClient client, ControlPlane plane) throws Exception {
        RunOptions options = RunFlagsTest.parse(flags(plane, "--webhook-cert-dir", directory.resolve("empty").toString()));

        int probePort;
        try (RunningProvider running = RunningProvider.start(options, OUTSIDE_A_POD)) {
            probePort = running.probePort().orElseThrow();
            assertThat(get(probePort, "/healthz").statusCode()).isEqualTo(200);
            await().atMost(PATIENCE).until(() -> get(probePort, "/readyz").statusCode() == 200);

            ipPool(client, "pool", "10.0.0.0/24", Optional.of("10.0.0.1"));
            claim(client, "machine-0", "pool");

            assertThat(awaitAddress(client, "machine-0")).isEqualTo("10.0.0.2");
        }
        assertThatThrownBy(() -> get(probePort, "/healthz")).as("the probes stop with the provider").isInstanceOf(ConnectException.class);
    }

    @Test
    void withoutACertificateNoWebhookIsServedAndOneLineSaysSo(ControlPlane plane) throws Exception {
        Path certDir = directory.resolve("empty");
        int webhookPort = freePort();
        RunOptions options = RunFlagsTest.parse(flags(plane, "--webhook-cert-dir", certDir.toString(), "--webhook-port",
                Integer.toString(webhookPort)));

        try (LogCapture log = LogCapture.of(WebhookServing.class);
                RunningProvider running = RunningProvider.start(options, OUTSIDE_A_POD)) {
            assertThat(running.webhookPort()).isEmpty();
            assertThat(log.lines()).containsExactly(new Line(Level.INFO, "webhook not served: no certificate file="
                    + certDir.resolve("tls.crt") + "; the CRDs' validation rules still check pools, but pool updates and deletions"
                    + " are not checked against allocated addresses"));
            await().atMost(PATIENCE).until(() -> get(running.probePort().orElseThrow(), "/readyz").statusCode() == 200);
            assertThatCode(() -> new ServerSocket(webhookPort).close()).as("nothing listens on the webhook port")
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void withACertificateTheWebhookAnswersOverTls(ControlPlane plane) throws Exception {
        Path certDir = directory.resolve("certs");
        ServingCertificateFiles.writeSelfSigned(certDir);
        RunOptions options = RunFlagsTest.parse(flags(plane, "--webhook-cert-dir", certDir.toString(), "--webhook-port",
                Integer.toString(freePort())));

        try (RunningProvider running = RunningProvider.start(options, OUTSIDE_A_POD)) {
            int webhookPort = running.webhookPort().orElseThrow();
            await().atMost(PATIENCE).until(() -> get(running.probePort().orElseThrow(), "/readyz").statusCode() == 200);

            AdmissionReview verdict = review(ServingCertificateFiles.trusting(certDir), webhookPort, poolOutsideItsPrefix());

            assertThat(verdict.getResponse().getAllowed()).isFalse();
            assertThat(verdict.getResponse().getStatus().getMessage()).contains("spec.addresses[1]: Invalid value: \"10.2.0.5\"");
        }
    }

    @Test
    void aClusterThatCannotBeReachedStopsTheStartWithAClearMessage() {
        RunOptions options = RunFlagsTest.parse("--kubeconfig", directory.resolve("missing").toString());

        assertThatThrownBy(() -> RunningProvider.start(options, OUTSIDE_A_POD)).isInstanceOf(StartupException.class)
                .hasMessage("--kubeconfig " + directory.resolve("missing") + ": no such readable file");
    }

    /** The flags every test here shares: the control plane's kubeconfig and a free probe port. */
    private static String[] flags(ControlPlane plane, String... more) {
        List<String> flags = new ArrayList<>(List.of("--kubeconfig", plane.kubeconfig().toString(),
                "--health-probe-bind-address", "127.0.0.1:0", "--diagnostics-address", "127.0.0.1:0", "--max-concurrent-reconciles", "2"));
        flags.addAll(List.of(more));
        return flags.toArray(String[]::new);
    }

    private static String awaitAddress(KubernetesClient client, String claim) {
        return await().atMost(PATIENCE).until(
                () -> Optional.ofNullable(client.resources(IPAddress.class).withName(claim).get()).map(a -> a.getSpec().getAddress()),
                Optional::isPresent).orElseThrow();
    }

    private static AdmissionRequest poolOutsideItsPrefix() {
        InClusterIPPool pool = new InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName("outside-prefix").withNamespace("default").build());
        pool.setSpec(new InClusterIPPoolSpec(List.of("10.1.0.0/24", "10.2.0.5"), 24));
        AdmissionRequest request = new AdmissionRequest();
        request.setUid("a-review");
        request.setOperation("CREATE");
        request.setKind(new GroupVersionKind("ipam.cluster.x-k8s.io", "InClusterIPPool", "v1alpha2"));
        request.setName("outside-prefix");
        request.setNamespace("default");
        request.setObject(new KubernetesSerialization().convertValue(pool, Map.class));
        return request;
    }

    private static AdmissionReview review(SSLContext tls, int port, AdmissionRequest request) throws IOException, InterruptedException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        AdmissionReview review = new AdmissionReview();
        review.setApiVersion("admission.k8s.io/v1");
        review.setKind("AdmissionReview");
        review.setRequest(request);
        URI uri = URI.create("https://127.0.0.1:" + port + "/validate-ipam-cluster-x-k8s-io-v1alpha2-inclusterippool");
        HttpResponse<String> response = HttpClient.newBuilder().sslContext(tls).build().send(
                HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(serialization.asJson(review))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return serialization.unmarshal(response.body(), AdmissionReview.class);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

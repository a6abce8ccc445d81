package dev.clusteripam.webhook.onapiserver;

import static dev.clusteripam.webhook.testing.Pools.addresses;
import static dev.clusteripam.webhook.testing.Pools.ipPool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import dev.clusteripam.webhook.testing.NoRetryClient;
import dev.clusteripam.webhook.testing.RunningWebhook;
import dev.clusteripam.webhook.testing.SecretVolume;
import dev.clusteripam.webhook.testing.TestCertificates.KeyFormat;
import dev.clusteripam.webhook.testing.TestCertificates.Serving;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * cert-manager renews the webhook's serving certificate while the API server keeps calling the
 * webhook: every pool write in a steady stream is admitted across several rotations, and each
 * rotated certificate is served without a restart. The CA stays the same, as with a CA issuer,
 * so the webhook configurations' {@code caBundle} keeps trusting the new certificates.
 */
@WithKubernetes
class CertificateRotationOnApiServerTest {

    private static final int ROTATIONS = 4;
    private static final int WRITERS = 4;
    /** Short, so that several rotations fit in a short stream; production checks every ten seconds. */
    private static final Duration CERT_CHECK_INTERVAL = Duration.ofMillis(100);

    private RunningWebhook webhook;

    @BeforeEach
    void startTheWebhook(ControlPlane plane) throws Exception {
        webhook = RunningWebhook.start(plane, CERT_CHECK_INTERVAL);
        webhook.registerAdmission();
    }

    @AfterEach
    void removeTheWebhook() {
        webhook.close();
    }

    @Test
    void everyPoolWriteIsAdmittedWhileTheKubeletProjectsRenewedCertificates(ControlPlane plane, KubernetesClient namespaced)
            throws Exception {
        SecretVolume volume = SecretVolume.convert(webhook.certDir());

        StreamResult result = streamPoolCreatesWhile(plane, namespaced.getNamespace(), serving -> volume.project(serving, KeyFormat.TRADITIONAL));

        assertThat(result.failures()).isEmpty();
        assertThat(result.admittedBeforeEachRotation()).allSatisfy(admitted -> assertThat(admitted).isPositive());
        assertThat(namespaced.resources(InClusterIPPool.class).list().getItems()).hasSize(result.admitted());
    }

    /**
     * A tool that rewrites the two files in place leaves a certificate next to the old key for a
     * moment: that pair is not served, the previous one stays in use until the key follows.
     */
    @Test
    void everyPoolWriteIsAdmittedWhileTheFilesAreRewrittenInPlaceOneAfterTheOther(ControlPlane plane,
            KubernetesClient namespaced) throws Exception {
        StreamResult result = streamPoolCreatesWhile(plane, namespaced.getNamespace(), serving -> {
            try {
                Files.writeString(webhook.certDir().resolve("tls.crt"), serving.chainPem());
                // Long enough for the server to look at the mismatched pair at least once.
                Thread.sleep(CERT_CHECK_INTERVAL.multipliedBy(3).toMillis());
                Files.writeString(webhook.certDir().resolve("tls.key"), serving.keyPem(KeyFormat.PKCS8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });

        assertThat(result.failures()).isEmpty();
        assertThat(result.admittedBeforeEachRotation()).allSatisfy(admitted -> assertThat(admitted).isPositive());
        assertThat(namespaced.resources(InClusterIPPool.class).list().getItems()).hasSize(result.admitted());
    }

    /** Pools created, the writes refused, and how many were admitted between one rotation and the next. */
    private record StreamResult(int admitted, List<String> failures, List<Integer> admittedBeforeEachRotation) {
    }

    /**
     * Writers create pools without pause (each create passes the mutating and the validating
     * webhook) while {@code rotate} installs {@link #ROTATIONS} new certificates, each waited for
     * until a new handshake gets it, with some admitted writes in between.
     */
    private StreamResult streamPoolCreatesWhile(ControlPlane plane, String namespace, Consumer<Serving> rotate) throws Exception {
        AtomicBoolean streaming = new AtomicBoolean(true);
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger names = new AtomicInteger();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Integer> admittedBeforeEachRotation = new ArrayList<>();
        try (KubernetesClient client = NoRetryClient.of(plane, namespace)) {
            List<Future<?>> running = IntStream.range(0, WRITERS).<Future<?>>mapToObj(writer -> writers.submit(() -> {
                while (streaming.get()) {
                    int n = names.getAndIncrement();
                    try {
                        client.resource(webhook.labeled(ipPool(namespace, "pool-" + n,
                                addresses(24, "10." + (n / 256 % 256) + "." + (n % 256) + ".0/24")))).create();
                        admitted.incrementAndGet();
                    } catch (KubernetesClientException e) {
                        failures.add("pool-" + n + ": " + e.getMessage());
                    }
                }
            })).toList();

            for (int rotation = 0; rotation < ROTATIONS; rotation++) {
                int before = admitted.get();
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admitted.get() >= before + 10 || !failures.isEmpty());
                admittedBeforeEachRotation.add(admitted.get() - before);
                Serving renewed = rotation % 2 == 0 ? webhook.authority().issueRsa() : webhook.authority().issueEc();
                rotate.accept(renewed);
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> servedCertificate().equals(renewed.certificate()));
            }
            int before = admitted.get();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admitted.get() >= before + 10 || !failures.isEmpty());

            streaming.set(false);
            for (Future<?> writer : running) {
                writer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        return new StreamResult(admitted.get(), List.copyOf(failures), admittedBeforeEachRotation);
    }

    /** The certificate a new handshake with the webhook gets. */
    private Certificate servedCertificate() throws IOException {
        try (SSLSocket socket = (SSLSocket) webhook.authority().clientContext().getSocketFactory()
                .createSocket("127.0.0.1", webhook.port())) {
            socket.startHandshake();
            return socket.getSession().getPeerCertificates()[0];
        }
    }
}

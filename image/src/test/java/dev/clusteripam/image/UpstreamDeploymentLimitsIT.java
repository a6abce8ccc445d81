package dev.clusteripam.image;

import static dev.clusteripam.app.testing.Loopback.freePort;
import static dev.clusteripam.app.testing.Loopback.get;
import static dev.clusteripam.app.testing.ScenarioObjects.claim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image inside the limits of upstream's own Deployment (cluster-api-ipam-provider-in-cluster's
 * manager: {@code cpu: 500m, memory: 128Mi}), which the README invites users to run our image in: its
 * entrypoint, run as {@link ContainerImageIT} runs it, in cgroups limited as the kubelet limits that
 * container, with the image's own JVM options (none added here), serves 2,000 claims, is killed and
 * restarted in the same cgroups, and serves new claims, and the kernel's OOM killer never fires.
 *
 * <p>Needs the cgroup v1 memory and cpu controllers, writable (root): it fails, saying so, on a host
 * without them rather than skip, since a skipped run would claim nothing about the limits.
 */
@Tag(ContainerImageIT.TAG)
@WithKubernetes
class UpstreamDeploymentLimitsIT {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamDeploymentLimitsIT.class);

    private static final Path TARBALL = Path.of(System.getProperty("cluster-ipam.image.tarball"));

    /** Upstream's config/manager/manager.yaml: {@code limits: {cpu: 500m, memory: 128Mi}}. */
    private static final long MEMORY_LIMIT_BYTES = 128L * 1024 * 1024;
    private static final int MILLI_CPUS = 500;

    private static final int CLAIMS = 2_000;
    private static final int CLAIMS_AFTER_RESTART = 20;
    private static final String POOL = "pool";
    /** 4,094 addresses, less the gateway: room for every claim of the test. */
    private static final String POOL_RANGE = "10.0.0.0/20";
    private static final int POOL_PREFIX = 20;
    private static final String GATEWAY = "10.0.0.1";

    private static final String KUBECONFIG_IN_IMAGE = "/var/run/secrets/cluster-ipam/kubeconfig";
    /** A start on half a CPU, and the fill, on a machine shared with other builds: bounds, not expectations. */
    private static final Duration START_PATIENCE = Duration.ofSeconds(120);
    private static final Duration FILL_PATIENCE = Duration.ofSeconds(300);

    @TempDir
    static Path work;

    private static ImageArchive image;
    private static RootFilesystem root;

    @BeforeAll
    static void unpackTheImage() {
        assertThat(ProcessHandle.current().info().user()).as("unpacking layers with their owners and entering namespaces takes root")
                .hasValue("root");
        image = ImageArchive.unpack(TARBALL, work.resolve("archive"));
        root = RootFilesystem.unpack(image.layers(), work.resolve("rootfs"));
    }

    @Test
    void servesTwoThousandClaimsAndARestartInHalfACpuAnd128MiB(KubernetesClient client, ControlPlane plane) throws Exception {
        ImageConfig config = image.config();
        root.install(plane.kubeconfig(), KUBECONFIG_IN_IMAGE, ImageUser.resolve(config.user(), root));
        int probePort = freePort();
        List<String> args = List.of("--kubeconfig=" + KUBECONFIG_IN_IMAGE, "--health-probe-bind-address=127.0.0.1:" + probePort,
                "--diagnostics-address=0", "--webhook-port=0");

        try (ContainerLimits limits = ContainerLimits.create("cluster-ipam-image-it-" + ProcessHandle.current().pid(), MEMORY_LIMIT_BYTES,
                MILLI_CPUS)) {
            assertThat(limits.memoryLimitBytes()).isEqualTo(MEMORY_LIMIT_BYTES);
            assertThat(limits.cpuQuotaMicros()).isEqualTo(50_000);

            Map<String, String> served;
            try (Container first = Container.start(root, config, args, work.resolve("logs-first"), limits)) {
                first.awaitWhileRunning(START_PATIENCE, () -> get(probePort, "/readyz") == 200);
                LOG.info("first start ready: {}", memory(first, limits));

                pool(client);
                IntStream.range(0, CLAIMS).parallel().forEach(i -> claim(client, "machine-" + i, POOL));
                first.awaitWhileRunning(FILL_PATIENCE, () -> servedAddresses(client).size() == CLAIMS);
                LOG.info("{} claims served: {}", CLAIMS, memory(first, limits));
                served = servedAddresses(client);
                assertDistinctPoolAddresses(served, CLAIMS);

                assertThat(first.isRunning()).as("the first process lives until the test kills it").isTrue();
                first.kill();
                first.awaitExit(Duration.ofSeconds(30));
            }

            try (Container second = Container.start(root, config, args, work.resolve("logs-second"), limits)) {
                second.awaitWhileRunning(START_PATIENCE, () -> get(probePort, "/readyz") == 200);
                LOG.info("restart with {} claims ready: {}", CLAIMS, memory(second, limits));

                IntStream.range(CLAIMS, CLAIMS + CLAIMS_AFTER_RESTART).forEach(i -> claim(client, "machine-" + i, POOL));
                second.awaitWhileRunning(START_PATIENCE, () -> servedAddresses(client).size() == CLAIMS + CLAIMS_AFTER_RESTART);
                Map<String, String> afterRestart = servedAddresses(client);
                LOG.info("{} new claims served after the restart: {}", CLAIMS_AFTER_RESTART, memory(second, limits));

                assertThat(afterRestart).as("the restart keeps every address where it was").containsAllEntriesOf(served);
                assertDistinctPoolAddresses(afterRestart, CLAIMS + CLAIMS_AFTER_RESTART);
                assertThat(get(probePort, "/readyz")).isEqualTo(200);
                assertThat(second.isRunning()).as("the restarted process still runs").isTrue();
                assertThat(limits.oomKills()).as("processes the OOM killer killed in the cgroup; peak usage %d of %d bytes",
                        limits.peakMemoryBytes(), MEMORY_LIMIT_BYTES).isZero();

                second.terminate();
                assertThat(second.awaitExit(Duration.ofSeconds(30))).as("the JVM's exit status after SIGTERM").isEqualTo(128 + 15);
            }
        }
    }

    private static void pool(KubernetesClient client) {
        InClusterIPPool pool = new InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(POOL).build());
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of(POOL_RANGE), POOL_PREFIX);
        spec.setGateway(GATEWAY);
        pool.setSpec(spec);
        client.resource(pool).create();
    }

    /** Each served claim's address, by claim name, from the IPAddress its status names. */
    private static Map<String, String> servedAddresses(KubernetesClient client) {
        Map<String, String> addressByName = client.resources(IPAddress.class).list().getItems().stream()
                .collect(Collectors.toMap(address -> address.getMetadata().getName(), address -> address.getSpec().getAddress()));
        return client.resources(IPAddressClaim.class).list().getItems().stream()
                .filter(claim -> claim.getStatus() != null && claim.getStatus().getAddressRef() != null)
                .filter(claim -> addressByName.containsKey(claim.getStatus().getAddressRef().getName()))
                .collect(Collectors.toMap(claim -> claim.getMetadata().getName(),
                        claim -> addressByName.get(claim.getStatus().getAddressRef().getName())));
    }

    /** {@code count} claims served, no address twice, each in the pool and none its gateway. */
    private static void assertDistinctPoolAddresses(Map<String, String> served, int count) {
        assertThat(served).hasSize(count);
        Map<String, Long> claimsPerAddress = served.values().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(claimsPerAddress).as("addresses held by more than one claim")
                .allSatisfy((address, claims) -> assertThat(claims).as(address).isOne());
        long network = ipv4(POOL_RANGE.substring(0, POOL_RANGE.indexOf('/')));
        long broadcast = network + (1L << (32 - POOL_PREFIX)) - 1;
        assertThat(served.values()).allSatisfy(address -> {
            assertThat(ipv4(address)).as("%s within %s", address, POOL_RANGE).isGreaterThan(network).isLessThan(broadcast);
            assertThat(address).isNotEqualTo(GATEWAY);
        });
    }

    private static long ipv4(String address) {
        try {
            return Integer.toUnsignedLong(ByteBuffer.wrap(InetAddress.getByName(address).getAddress()).getInt());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + address, e);
        }
    }

    /** The entrypoint's resident memory and the cgroup's counters, for the log. */
    private static String memory(Container container, ContainerLimits limits) {
        return "RssAnon=" + container.status("RssAnon").orElse("-") + " RssFile=" + container.status("RssFile").orElse("-")
                + " cgroupPeakBytes=" + limits.peakMemoryBytes() + " limitReached=" + limits.limitReached() + " oomKills=" + limits.oomKills()
                + " " + limits.throttling();
    }
}

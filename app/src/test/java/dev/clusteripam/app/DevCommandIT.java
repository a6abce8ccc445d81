package dev.clusteripam.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cluster-ipam dev} as a developer runs it on a fresh checkout: a real control plane, the
 * provider, the examples, a table; and nothing left running afterwards. Each run uses its own
 * control-plane directory, so a developer's own {@code dev} session is left alone.
 */
@Tag(ClusterIpamLauncherIT.TAG)
class DevCommandIT {

    /** A cached control plane starts in about 5 s and the examples settle in a few more; a first build takes minutes. */
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    @TempDir
    Path directory;

    @Test
    void onceServesTheExampleClaimsPrintsTheTableAndStopsEverything() throws Exception {
        Path controlPlane = directory.resolve("control-plane");

        String table;
        try (LaunchedCommand dev = LaunchedCommand.start(directory, Map.of(), "dev", "--once",
                "--control-plane-dir", controlPlane.toString())) {
            assertThat(dev.awaitExit(PATIENCE)).as("exit code; standard error:\n%s", dev.err()).isZero();
            table = dev.out();
        }

        List<List<String>> rows = cells(table);
        assertThat(rows.get(0)).containsExactly("NAMESPACE", "CLAIM", "POOL", "ADDRESS", "READY", "REASON", "MESSAGE");
        assertThat(rows.subList(1, rows.size())).extracting(cells -> cells.subList(0, 5)).containsExactly(
                List.of("default", "ipv4-machine-0", "InClusterIPPool/ipv4-pool", "10.0.0.2/24", "True"),
                List.of("default", "ipv4-machine-1", "InClusterIPPool/ipv4-pool", "10.0.0.3/24", "True"),
                List.of("default", "ipv4-machine-2", "InClusterIPPool/ipv4-pool", "10.0.0.4/24", "True"),
                List.of("default", "ipv6-machine-0", "InClusterIPPool/ipv6-pool", "fd00::2/120", "True"),
                List.of("default", "ipv6-machine-1", "InClusterIPPool/ipv6-pool", "fd00::3/120", "True"),
                List.of("default", "prefix-machine-0", "InClusterPrefixPool/prefix-pool", "fd01::/64", "True"),
                List.of("default", "prefix-machine-1", "InClusterPrefixPool/prefix-pool", "fd01:0:0:2::/64", "True"),
                List.of("default", "subnets-machine-0", "InClusterIPPool/subnets-pool", "10.0.2.2/24", "True"),
                List.of("default", "subnets-machine-1", "InClusterIPPool/subnets-pool", "10.0.2.3/24", "True"),
                List.of("default", "subnets-machine-2", "InClusterIPPool/subnets-pool", "172.16.8.10/22", "True"),
                List.of("default", "tiny-machine-0", "InClusterIPPool/tiny-pool", "10.0.1.10/24", "True"),
                List.of("default", "tiny-machine-1", "InClusterIPPool/tiny-pool", "-", "False"),
                List.of("default", "no-pool-machine-0", "InClusterIPPool/missing-pool", "-", "False"));
        assertThat(rows.get(12)).element(5).isEqualTo("PoolExhausted");
        assertThat(rows.get(12)).element(6).asString().contains("InClusterIPPool/default/tiny-pool");
        assertThat(rows.get(13)).element(5).isEqualTo("PoolNotReady");
        assertThat(rows.get(13)).element(6).asString().contains("InClusterIPPool/default/missing-pool");
        assertThat(table).contains("All 13 example claims ended as their manifests expect.");
        assertThat(pidFiles(controlPlane)).as("hack/control-plane stop ran").isEmpty();
    }

    @Test
    void interruptedItStopsTheProviderAndTheControlPlane() throws Exception {
        Path controlPlane = directory.resolve("control-plane");
        List<Long> servers;
        try (LaunchedCommand dev = LaunchedCommand.start(directory, Map.of(), "dev",
                "--control-plane-dir", controlPlane.toString())) {
            await().atMost(PATIENCE).until(() -> dev.err().contains("dev: running"));
            assertThat(dev.out()).contains("kubeconfig: " + controlPlane.resolve("kubeconfig")).containsPattern(
                    "try: +KUBECONFIG=\\S+ \\S+/kubectl get inclusterippools,inclusterprefixpools,ipaddressclaims,"
                            + "ipaddresses\\.ipam\\.cluster\\.x-k8s\\.io -A");
            servers = recordedPids(controlPlane);
            assertThat(servers).as("etcd, kube-apiserver and the watchdog run").hasSize(3).allMatch(DevCommandIT::runs);

            dev.terminate();

            assertThat(dev.awaitExit(Duration.ofSeconds(90))).as("standard error:\n%s", dev.err()).isNotZero();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> servers.stream().noneMatch(DevCommandIT::runs));
        assertThat(pidFiles(controlPlane)).isEmpty();
    }

    /** The table's lines up to the first blank one, split into cells: columns are three or more blanks apart. */
    private static List<List<String>> cells(String table) {
        return table.lines().takeWhile(line -> !line.isBlank()).map(line -> List.of(line.split(" {3,}", 7))).toList();
    }

    private static List<Path> pidFiles(Path controlPlane) throws IOException {
        try (Stream<Path> files = Files.list(controlPlane)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pid")).toList();
        }
    }

    /** The pids {@code hack/control-plane start} recorded, each file holding "pid starttime". */
    private static List<Long> recordedPids(Path controlPlane) throws IOException {
        return pidFiles(controlPlane).stream().map(file -> {
            try {
                return Long.parseLong(Files.readString(file).split(" ")[0].strip());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** Whether the process runs; a zombie (exited, not yet reaped by its new parent) does not. */
    private static boolean runs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}

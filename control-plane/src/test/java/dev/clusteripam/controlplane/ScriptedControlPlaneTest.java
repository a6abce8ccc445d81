package dev.clusteripam.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's side of the script's interface, against a stand-in script in a checkout of its own
 * (the real one is run by every test under kube-testing's {@code @WithKubernetes}, by {@code dev}'s
 * and by the benchmark's integration tests).
 */
class ScriptedControlPlaneTest {

    /** Says what it was asked on standard error; answers on standard output; {@code start} hangs while DIR/hang exists. */
    private static final String STAND_IN = """
            #!/bin/sh
            echo "$* owner=${CONTROL_PLANE_OWNER_PID:-none}" >&2
            case "$1" in
              install) echo "building" >&2; echo "noise"; echo "/opt/servers" ;;
              start) touch "$2/started"; while [ -f "$2/hang" ]; do sleep 0.1; done; echo "$2/kubeconfig" ;;
              stop) touch "$2/stopped" ;;
            esac
            """;

    @TempDir
    Path checkout;

    private final List<String> progress = new CopyOnWriteArrayList<>();

    @Test
    void theResultIsTheLastLineOfStandardOutputAndTheProgressIsHandedOverLineByLine() throws IOException {
        ControlPlaneScript script = standIn(STAND_IN);
        Path directory = Files.createDirectory(checkout.resolve("servers"));

        assertThat(script.install()).isEqualTo(Path.of("/opt/servers"));
        try (ScriptedControlPlane plane = new ScriptedControlPlane(script, directory)) {
            assertThat(plane.start()).isEqualTo(directory.resolve("kubeconfig"));
            assertThat(plane.kubeconfig()).isEqualTo(directory.resolve("kubeconfig"));
        }

        assertThat(progress).containsExactly(
                "install owner=none",
                "building",
                "start " + directory + " owner=" + ProcessHandle.current().pid(),
                "stop " + directory + " owner=none");
        assertThat(directory.resolve("stopped")).exists();
    }

    @Test
    void aFailureSaysWhichCallFailedAndQuotesItsLastMessagesBounded() throws IOException {
        String longLine = "x".repeat(1000);
        ControlPlaneScript script = standIn("""
                #!/bin/sh
                for i in $(seq 1 50); do echo "message $i" >&2; done
                echo "%s" >&2
                exit 3
                """.formatted(longLine));

        assertThatThrownBy(script::install)
                .isInstanceOf(ControlPlaneScriptException.class)
                .hasMessageContaining(ControlPlaneScript.PATH + " install failed with exit code 3")
                .hasMessageContaining("message 50")
                .hasMessageNotContaining("message 30\n")
                .hasMessageNotContaining(longLine)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(2500));
        assertThat(progress).hasSize(51).endsWith(longLine);
    }

    @Test
    void aScriptWithoutAResultFails() throws IOException {
        ControlPlaneScript script = standIn("#!/bin/sh\nexit 0\n");

        assertThatThrownBy(script::install).hasMessage(ControlPlaneScript.PATH + " install succeeded but printed no result");
    }

    @Test
    void closingWhileTheStartIsUnderWayEndsItAndStopsWhatItMayHaveStarted() throws Exception {
        ControlPlaneScript script = standIn(STAND_IN);
        Path directory = Files.createDirectory(checkout.resolve("servers"));
        Files.createFile(directory.resolve("hang"));
        ScriptedControlPlane plane = new ScriptedControlPlane(script, directory);

        CompletableFuture<Path> start = CompletableFuture.supplyAsync(() -> {
            try {
                return plane.start();
            } catch (ControlPlaneScriptException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        awaitFile(directory.resolve("started"));
        plane.close();

        assertThat(start).failsWithin(Duration.ofSeconds(10));
        assertThat(directory.resolve("stopped")).exists();
    }

    @Test
    void closingAControlPlaneThatWasNeverStartedRunsNothing() throws IOException {
        ControlPlaneScript script = standIn(STAND_IN);
        Path directory = Files.createDirectory(checkout.resolve("servers"));

        new ScriptedControlPlane(script, directory).close();

        assertThat(progress).isEmpty();
    }

    @Test
    void theCheckoutIsTheNearestDirectoryAboveThatHoldsTheScript() throws IOException {
        standIn(STAND_IN);
        Path deep = Files.createDirectories(checkout.resolve("app/target/classes"));

        assertThat(ControlPlaneScript.findCheckout(deep)).contains(checkout.toAbsolutePath());
        assertThat(ControlPlaneScript.findCheckout(Path.of("/proc/self"))).isEmpty();
    }

    private ControlPlaneScript standIn(String text) throws IOException {
        Path script = checkout.resolve(ControlPlaneScript.PATH);
        Files.createDirectories(script.getParent());
        Files.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return ControlPlaneScript.inCheckout(checkout, progress::add);
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(file).exists();
    }
}

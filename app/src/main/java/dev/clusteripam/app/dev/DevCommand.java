package dev.clusteripam.app.dev;

import dev.clusteripam.api.capi.IPAddressClaim;
import dev.clusteripam.app.cli.ExitCode;
import dev.clusteripam.app.lifecycle.StartupException;
import dev.clusteripam.app.lifecycle.UntilShutdown;
import dev.clusteripam.app.logging.LogLevel;
import dev.clusteripam.app.logging.LogSetup;
import dev.clusteripam.app.logging.LoggingOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The provider on a fresh machine, in one command: a local control plane, the provider against it,
 * the example pools and claims, and a table of what each claim got.
 */
@Command(
        name = "dev",
        description = {
            "Starts a local control plane (hack/control-plane, built on first use), runs the provider against it, applies"
                    + " examples/pools/ and examples/claims/, and prints what every claim got. Keeps running until"
                    + " interrupted, then stops the provider and the control plane."},
        sortOptions = false)
public final class DevCommand implements Callable<Integer> {

    /** One claim normally settles in well under a second; a cold JVM and a busy machine get slack. */
    private static final Duration CLAIM_PATIENCE = Duration.ofSeconds(30);

    @Spec
    private CommandSpec command;

    @Option(names = "--once", description = "Print the table, stop everything and exit: 0 when every example claim"
            + " ended as its cluster-ipam.dev/expected-* annotations say, 4 when one did not.")
    private boolean once;

    @Option(names = "--control-plane-dir", paramLabel = "DIR",
            description = "Where the control plane keeps its state and logs. Default: .control-plane/dev in the checkout.")
    private Optional<Path> controlPlaneDirectory;

    @Mixin
    private LoggingOptions logging;

    @Override
    public Integer call() throws InterruptedException {
        // The table is the point; the provider's routine INFO lines would bury it.
        LogSetup.apply(logging.settings(LogLevel.WARN));
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        Path checkout;
        try {
            checkout = SourceCheckout.root();
        } catch (StartupException e) {
            err.println("dev: cannot start: " + e.getMessage());
            return ExitCode.CANNOT_START;
        }
        DevSession session = new DevSession(checkout, controlPlaneDirectory.orElse(checkout.resolve(".control-plane/dev")).toAbsolutePath());
        // Before anything starts: Ctrl-C during a start must stop what has started so far.
        UntilShutdown untilShutdown = UntilShutdown.closing(session);
        try {
            err.println("dev: starting the control plane in " + session.controlPlaneDirectory());
            DevSession.Started started = session.start();
            err.println("dev: provider running against " + started.client().getMasterUrl());

            ExampleManifests examples = ExampleManifests.read(checkout, started.client());
            ExampleApplier applier = new ExampleApplier(started.client(), err);
            applier.applyPools(examples.pools());
            applier.applyClaimsInOrder(examples.claims(), CLAIM_PATIENCE);
            List<ClaimRow> rows = applier.rows(examples.claims());

            out.print(ClaimTable.render(rows));
            List<String> mismatches = mismatches(rows, examples.claims());
            printVerdict(out, rows.size(), mismatches);
            if (once) {
                return mismatches.isEmpty() ? ExitCode.OK : ExitCode.NOT_AS_EXPECTED;
            }
            printHint(out, started);
            err.println("dev: running; Ctrl-C stops the provider and the control plane");
            untilShutdown.await();
            return ExitCode.OK;
        } catch (StartupException e) {
            err.println("dev: cannot start: " + e.getMessage());
            return ExitCode.CANNOT_START;
        } catch (IOException e) {
            err.println("dev: cannot read the examples: " + e.getMessage());
            return ExitCode.UNREADABLE;
        } finally {
            out.flush();
            session.close();
        }
    }

    private static List<String> mismatches(List<ClaimRow> rows, List<IPAddressClaim> claims) {
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ClaimRow row = rows.get(i);
            ClaimExpectation.of(claims.get(i)).mismatch(row)
                    .ifPresent(problem -> mismatches.add(row.namespace() + "/" + row.claim() + ": " + problem));
        }
        return mismatches;
    }

    private static void printVerdict(PrintWriter out, int claims, List<String> mismatches) {
        out.println();
        if (mismatches.isEmpty()) {
            out.println("All " + claims + " example claims ended as their manifests expect.");
            return;
        }
        out.println(mismatches.size() + " of " + claims + " example claims did not end as their manifests expect:");
        mismatches.forEach(mismatch -> out.println("  " + mismatch));
    }

    private static void printHint(PrintWriter out, DevSession.Started started) {
        out.println();
        out.println("kubeconfig: " + started.kubeconfig());
        // Qualified: Kubernetes itself has an IPAddress kind (networking.k8s.io), which kubectl would pick.
        out.println("try:        KUBECONFIG=" + started.kubeconfig() + " " + started.kubectl()
                + " get inclusterippools,inclusterprefixpools,ipaddressclaims,ipaddresses.ipam.cluster.x-k8s.io -A");
        out.flush();
    }
}

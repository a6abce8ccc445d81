package dev.clusteripam.app.cli;

import dev.clusteripam.core.overlap.OverlapIndex;
import dev.clusteripam.core.overlap.OverlapText;
import dev.clusteripam.core.pool.Validation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks pool manifests offline with the core validator, the one the admission webhook runs, and
 * reports the valid pools that share addresses with each other (as the webhook warns about them
 * on a cluster, without failing the check). Findings go to standard output (they are the report); unreadable input goes to standard error.
 */
@Command(
        name = "validate",
        description = "Checks pool manifests with the rules the admission webhook applies.",
        footer = {"", "Every document of every file is checked; the exit code is the worst found. Pools that share addresses"
                + " with each other are reported as warnings."})
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec command;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "Kubernetes YAML, one or more documents separated by ---; documents of other kinds are skipped.")
    private List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        int worst = ExitCode.OK;
        OverlapIndex<String> overlaps = new OverlapIndex<>();
        for (Path file : files) {
            List<ManifestDocument> documents;
            try {
                documents = PoolManifests.read(file);
            } catch (UnreadableInputException e) {
                err.println(e.getMessage());
                worst = Math.max(worst, ExitCode.UNREADABLE);
                continue;
            }
            if (documents.isEmpty()) {
                out.println(file + ": no documents");
            }
            for (ManifestDocument document : documents) {
                if (document instanceof PoolManifest pool) {
                    worst = Math.max(worst, check(pool, out));
                    pool.addressSet().ifPresent(set -> overlaps.put(pool.origin().toString(), set.family(), set.addresses()));
                } else if (document instanceof ManifestDocument.Unreadable unreadable) {
                    err.println(unreadable);
                    worst = Math.max(worst, ExitCode.UNREADABLE);
                } else if (document instanceof ManifestDocument.Skipped skipped) {
                    out.println(skipped);
                }
            }
        }
        overlaps.allOverlaps().forEach((pool, shared) -> shared.forEach(overlap ->
                out.println(pool + ": warning: shares addresses " + OverlapText.describe(overlap))));
        return worst;
    }

    private static int check(PoolManifest pool, PrintWriter out) {
        Validation<?> validation = pool.validate();
        ValidationReport.print(pool, validation, out);
        if (!validation.isValid()) {
            return ExitCode.INVALID;
        }
        out.println(pool.origin() + ": valid");
        return ExitCode.OK;
    }
}

package dev.clusteripam.bench.chaos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench/chaos}: the reliability suite (docs/reliability.md). Exits 1 when any scenario failed. */
@Command(name = "bench/chaos", mixinStandardHelpOptions = true,
        description = "Tries to break the provider (kill -9 loops, two replicas, API server outages, poison objects, slow webhook"
                + " clients, exhaustion, grace periods across crashes) on local control planes and checks what must hold.")
public final class ChaosCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Fewer claims, kills and connections: a few minutes instead of a quarter of an hour.")
    boolean quick;

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME", description = "Only these, in this order (default: all): ${COMPLETION-CANDIDATES}",
            completionCandidates = ScenarioCatalog.Names.class)
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Where chaos.json, chaos.md and the logs go (default: ${DEFAULT-VALUE}).",
            defaultValue = "bench/target/chaos")
    Path out;

    @Option(names = "--repo", paramLabel = "DIR", description = "The repository (bin/cluster-ipam, hack/control-plane, config/).",
            defaultValue = ".")
    Path repo;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChaosCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path root = repo.toAbsolutePath().normalize();
        Path dir = out.isAbsolute() ? out : root.resolve(out);
        List<Scenario> chosen = scenarios.isEmpty() ? ScenarioCatalog.all() : ScenarioCatalog.named(scenarios);
        List<ScenarioReport> reports = new ChaosSuite(root, dir, quick).run(chosen);
        ChaosReportWriter.write(dir, quick, reports);
        System.out.println(ChaosReportWriter.markdown(quick, reports));
        System.out.println("report: " + dir.resolve("chaos.md") + " and " + dir.resolve("chaos.json"));
        return reports.stream().allMatch(ScenarioReport::passed) ? 0 : 1;
    }
}

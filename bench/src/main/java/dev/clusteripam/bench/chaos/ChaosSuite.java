package dev.clusteripam.bench.chaos;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scenarios one after the other, each on a control plane of its own (so that what one
 * leaves, a poison object or a stopped API server, cannot touch the next), bounded in time, and
 * checks the invariants after each.
 */
final class ChaosSuite {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosSuite.class);

    /** The namespace every scenario works in. */
    static final String NAMESPACE = "chaos";

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final Path repo;
    private final Path out;
    private final boolean quick;

    ChaosSuite(Path repo, Path out, boolean quick) {
        this.repo = repo;
        this.out = out;
        this.quick = quick;
    }

    List<ScenarioReport> run(List<Scenario> scenarios) throws Exception {
        List<ScenarioReport> reports = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            System.out.printf("scenario %s: %s%n", scenario.name(), scenario.promise());
            ScenarioReport report = run(scenario);
            System.out.printf("scenario %s: %s in %d s%n", scenario.name(), report.passed() ? "passed" : "FAILED", Math.round(report.seconds()));
            reports.add(report);
        }
        return reports;
    }

    private ScenarioReport run(Scenario scenario) throws Exception {
        long started = System.nanoTime();
        Path dir = out.resolve(scenario.name());
        Files.createDirectories(dir);
        try (RestartableControlPlane plane = RestartableControlPlane.start(repo, dir.resolve("control-plane"));
                KubernetesClient client = plane.newClient()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
            ScenarioContext context = new ScenarioContext(repo, plane, client, NAMESPACE, dir, quick);
            Optional<String> error = runBounded(scenario, context);
            SettledInvariants invariants;
            try {
                invariants = SettledInvariants.check(client, SETTLE);
            } finally {
                context.stopProviders();
            }
            return new ScenarioReport(scenario.name(), scenario.promise(), (System.nanoTime() - started) / 1e9, context.checks(),
                    context.figures(), invariants.violations(), invariants.undecodable(), error);
        }
    }

    private Optional<String> runBounded(Scenario scenario, ScenarioContext context) throws InterruptedException {
        Duration bound = quick ? Duration.ofMinutes(4) : Duration.ofMinutes(8);
        ExecutorService runner = Executors.newSingleThreadExecutor(task -> new Thread(task, "scenario-" + scenario.name()));
        try {
            Future<?> run = runner.submit(() -> {
                scenario.run(context);
                return null;
            });
            run.get(bound.toSeconds(), TimeUnit.SECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            LOG.warn("scenario {} did not finish", scenario.name(), e.getCause());
            return Optional.of(Bounded.text(String.valueOf(e.getCause())));
        } catch (TimeoutException e) {
            return Optional.of("did not finish within " + bound);
        } finally {
            runner.shutdownNow();
            runner.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}

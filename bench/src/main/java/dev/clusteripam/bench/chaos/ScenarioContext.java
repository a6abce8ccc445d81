package dev.clusteripam.bench.chaos;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a scenario runs with (the control plane, a client, its namespace, its size) and what it
 * leaves (checks, figures, the providers it started, closed by the suite after the invariants).
 */
final class ScenarioContext {

    private final Path repo;
    private final RestartableControlPlane plane;
    private final KubernetesClient client;
    private final String namespace;
    private final Path dir;
    private final boolean quick;
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<Provider> providers = new ArrayList<>();

    ScenarioContext(Path repo, RestartableControlPlane plane, KubernetesClient client, String namespace, Path dir, boolean quick) {
        this.repo = repo;
        this.plane = plane;
        this.client = client;
        this.namespace = namespace;
        this.dir = dir;
        this.quick = quick;
    }

    Path repo() {
        return repo;
    }

    RestartableControlPlane plane() {
        return plane;
    }

    KubernetesClient client() {
        return client;
    }

    String namespace() {
        return namespace;
    }

    /** Where the scenario's logs go. */
    Path dir() {
        return dir;
    }

    /** A smaller run (fewer claims, kills, connections), for CI and a first look. */
    boolean quick() {
        return quick;
    }

    /** {@code full} in a full run, {@code quick} in a quick one. */
    int size(int full, int quick) {
        return this.quick ? quick : full;
    }

    /** Starts a replica of the provider logging to {@code name}.log and waits for it to be ready. */
    Provider startProvider(String name, Optional<WebhookCertificates> webhook) throws IOException, InterruptedException {
        Provider provider = Provider.start(repo, plane.kubeconfig(), dir.resolve(name + ".log"), webhook);
        providers.add(provider);
        if (!provider.awaitReady(Duration.ofSeconds(90))) {
            throw new IllegalStateException("provider " + name + " was not ready within 90 s (exit status "
                    + provider.exitStatus().map(String::valueOf).orElse("none: still running") + "); see " + provider.log());
        }
        return provider;
    }

    /** As {@link #startProvider}, without waiting: for a provider that may not become ready. */
    Provider launchProvider(String name) throws IOException {
        Provider provider = Provider.start(repo, plane.kubeconfig(), dir.resolve(name + ".log"), Optional.empty());
        providers.add(provider);
        return provider;
    }

    /**
     * Waits up to two minutes for every claim to be Ready and records that as the check {@code name};
     * returns whether they were.
     */
    boolean checkAllReady(Claims claims, List<String> names, String name) throws InterruptedException {
        Set<String> unserved = claims.awaitReady(names, Duration.ofMinutes(2));
        figure("claims", names.size());
        check(name, unserved.isEmpty(), unserved.isEmpty() ? names.size() + " claims Ready"
                : unserved.size() + " not Ready within 2 min, e.g. " + unserved.iterator().next());
        return unserved.isEmpty();
    }

    void check(String name, boolean passed, String detail) {
        checks.add(new Check(name, passed, detail, ""));
    }

    /** A check that holds once the fix of {@code issueItem} (as "issue 12 item N") is in. */
    void check(String name, boolean passed, String detail, String issueItem) {
        checks.add(new Check(name, passed, detail, issueItem));
    }

    void figure(String name, Object value) {
        figures.put(name, value);
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }

    Map<String, Object> figures() {
        return new LinkedHashMap<>(figures);
    }

    /** The log of every provider the scenario started, for what it says about a poison object. */
    String providerLogs() throws IOException {
        StringBuilder logs = new StringBuilder();
        for (Provider provider : providers) {
            if (Files.exists(provider.log())) {
                logs.append(Files.readString(provider.log()));
            }
        }
        return logs.toString();
    }

    void stopProviders() throws InterruptedException {
        for (Provider provider : providers) {
            provider.close();
        }
    }
}

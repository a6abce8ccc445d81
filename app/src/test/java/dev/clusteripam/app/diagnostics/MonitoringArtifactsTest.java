package dev.clusteripam.app.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.controller.ledger.Holder;
import dev.clusteripam.controller.metrics.ProviderMetrics;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.core.pool.PoolUsage;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The alerts in config/prometheus and the Grafana dashboard in docs/grafana query metrics that
 * {@code run} serves, under the names it serves them: a rename in the code shows here, not as a
 * silent alert that never fires.
 */
class MonitoringArtifactsTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("cluster-ipam.repo-root")).toAbsolutePath().normalize();
    private static final Pattern METRIC = Pattern.compile("\\b((?:capi_ipam|jvm|process|system)_[a-z0-9_]+)\\b");
    /** Series that exist only once something happened: the first garbage collection. */
    private static final Set<String> AFTER_AN_EVENT = Set.of("jvm_gc_pause_seconds_sum", "jvm_gc_pause_seconds_count");

    @Test
    void everyMetricTheAlertsQueryIsServed() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(REPOSITORY.resolve("config/prometheus/alerts.yaml").toFile());
        List<String> expressions = new ArrayList<>();
        rules.path("spec").path("groups").forEach(group -> group.path("rules").forEach(rule -> expressions.add(rule.path("expr").asText())));

        assertThat(expressions).hasSizeGreaterThanOrEqualTo(3);
        assertThat(metricsIn(expressions)).contains("capi_ipam_pool_addresses", "capi_ipam_claims_oldest_waiting_seconds",
                "capi_ipam_allocation_failures_total").isSubsetOf(served());
    }

    @Test
    void everyMetricTheDashboardQueriesIsServed() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(REPOSITORY.resolve("docs/grafana/cluster-ipam.json").toFile());
        List<String> expressions = dashboard.findValues("expr").stream().map(JsonNode::asText).toList();

        assertThat(expressions).isNotEmpty();
        Set<String> queried = metricsIn(expressions);
        queried.removeAll(AFTER_AN_EVENT);
        assertThat(queried).contains("capi_ipam_allocation_duration_seconds_bucket", "jvm_memory_used_bytes").isSubsetOf(served());
    }

    @Test
    void everyProviderMetricTheDocumentationNamesIsServedAndEveryServedOneIsDocumented() throws IOException {
        String documentation = Files.readString(REPOSITORY.resolve("docs/metrics.md"));
        Set<String> documented = metricsIn(List.of(documentation)).stream().filter(name -> name.startsWith("capi_ipam_"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> servedProviderMetrics = served().stream().filter(name -> name.startsWith("capi_ipam_"))
                .map(MonitoringArtifactsTest::family).collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented.stream().map(MonitoringArtifactsTest::family).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(servedProviderMetrics);
    }

    /** The names of every sample a scrape of {@code run}'s registry holds, with each provider meter registered. */
    private static Set<String> served() {
        try (PrometheusMetrics metrics = PrometheusMetrics.withJvmAndProcessMetrics()) {
            ProviderMetrics provider = ProviderMetrics.on(metrics.registry());
            provider.refusalReasons(List.of("PoolExhausted"));
            PoolIdentity pool = new PoolIdentity(PoolKind.IN_CLUSTER_IP_POOL, "ns", "pool");
            provider.poolUsage(pool, new PoolUsage(10, 1, 0, 9));
            // A global pool's series hold the namespace selector's meters too.
            provider.poolUsage(new PoolIdentity(PoolKind.GLOBAL_IN_CLUSTER_IP_POOL, "", "shared"), new PoolUsage(10, 0, 0, 10));
            provider.claimPending(new Holder("ns", "claim"), Instant.now());
            provider.claimServed(new Holder("ns", "claim"));
            provider.watchOrphanSuspects(() -> 0);
            provider.watchOverlappingPools(() -> 0);
            provider.reconciles().reconciliationSubmitted(new ConfigMapBuilder().withNewMetadata().withName("claim").endMetadata().build(),
                    null, Map.of("controller.name", "ipaddressclaims"));
            return metrics.scrape().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> metricsIn(List<String> texts) {
        Set<String> names = new TreeSet<>();
        for (String text : texts) {
            Matcher matcher = METRIC.matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** A histogram's samples belong to one family: {@code x_bucket}, {@code x_count}, {@code x_sum}, {@code x_max} are {@code x}. */
    private static String family(String sample) {
        return sample.replaceAll("_(bucket|count|sum|max)$", "");
    }
}

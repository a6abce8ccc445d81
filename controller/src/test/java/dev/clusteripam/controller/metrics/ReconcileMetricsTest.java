package dev.clusteripam.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The calls the Java Operator SDK makes around each reconcile, turned into queue depth, activity and results. */
class ReconcileMetricsTest {

    private static final Map<String, Object> CLAIMS = Map.of("controller.name", "ipaddressclaims",
            "josdk.resource.gvk", new GroupVersionKind("cluster.x-k8s.io", "v1beta2", "IPAddressClaim"));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> deleted = new ArrayList<>();
    private final ReconcileMetrics metrics = new ReconcileMetrics(registry, (kind, id) -> deleted.add(kind + " " + id.getName()));

    @Test
    void aSubmittedResourceIsQueuedUntilItStartsAndActiveUntilItFinishes() {
        ConfigMap a = resource("a");
        ConfigMap b = resource("b");
        metrics.reconciliationSubmitted(a, null, CLAIMS);
        metrics.reconciliationSubmitted(b, null, CLAIMS);
        assertThat(gauge(ReconcileMetrics.QUEUE_DEPTH)).isEqualTo(2);

        metrics.reconciliationStarted(a, CLAIMS);
        assertThat(gauge(ReconcileMetrics.QUEUE_DEPTH)).isEqualTo(1);
        assertThat(gauge(ReconcileMetrics.ACTIVE)).isEqualTo(1);

        metrics.reconciliationSucceeded(a, CLAIMS);
        metrics.reconciliationFinished(a, null, CLAIMS);
        assertThat(gauge(ReconcileMetrics.ACTIVE)).isZero();
        assertThat(registry.get(ReconcileMetrics.RECONCILES).tags("controller", "ipaddressclaims", "result", "success").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aSubmittedResourceFinishedWithoutStartingLeavesTheQueue() {
        ConfigMap a = resource("a");
        metrics.reconciliationSubmitted(a, null, CLAIMS);

        // The SDK finishes without starting when the resource left its cache meanwhile.
        metrics.reconciliationFinished(a, null, CLAIMS);

        assertThat(gauge(ReconcileMetrics.QUEUE_DEPTH)).isZero();
    }

    @Test
    void failuresCountAsErrors() {
        ConfigMap a = resource("a");
        metrics.reconciliationStarted(a, CLAIMS);
        metrics.reconciliationFailed(a, null, new IllegalStateException("refused"), CLAIMS);
        metrics.reconciliationFinished(a, null, CLAIMS);

        assertThat(registry.get(ReconcileMetrics.RECONCILES).tags("controller", "ipaddressclaims", "result", "error").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aDeletedResourceIsReportedWithItsKind() {
        metrics.cleanupDone(new ResourceID("a", "ns"), CLAIMS);

        assertThat(deleted).containsExactly("IPAddressClaim a");
    }

    private double gauge(String name) {
        return registry.get(name).tag("controller", "ipaddressclaims").gauge().value();
    }

    private static ConfigMap resource(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata().build();
    }
}

package dev.clusteripam.controller.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * What the Java Operator SDK tells about its reconciles, per controller: how many resources wait
 * for a reconcile thread (the queue controller-runtime's {@code workqueue_depth} shows), how many
 * are being reconciled, and how many reconciles ended well or with an error.
 */
final class ReconcileMetrics implements Metrics {

    static final String QUEUE_DEPTH = "capi.ipam.reconcile.queue.depth";
    static final String ACTIVE = "capi.ipam.reconcile.active";
    static final String RECONCILES = "capi.ipam.reconciles";

    /** The key under which the SDK passes the controller's name with every call. */
    private static final String CONTROLLER_NAME = "controller.name";
    /** The key under which the SDK passes the primary resource's group, version and kind. */
    private static final String RESOURCE_GVK = "josdk.resource.gvk";

    private final MeterRegistry registry;
    private final BiConsumer<String, ResourceID> deleted;
    private final Map<String, ControllerSeries> controllers = new ConcurrentHashMap<>();

    /** @param deleted told the kind and id of every primary resource the SDK forgets because it was deleted */
    ReconcileMetrics(MeterRegistry registry, BiConsumer<String, ResourceID> deleted) {
        this.registry = registry;
        this.deleted = deleted;
    }

    /**
     * One controller's series. A resource is submitted at most once at a time, so sets of ids
     * count exactly even when the SDK skips a submitted resource without starting it.
     */
    private final class ControllerSeries {
        private final Set<ResourceID> queued = ConcurrentHashMap.newKeySet();
        private final Set<ResourceID> active = ConcurrentHashMap.newKeySet();
        private final Counter succeeded;
        private final Counter failed;

        ControllerSeries(String controller) {
            Gauge.builder(QUEUE_DEPTH, queued, Set::size)
                    .description("Resources submitted for a reconcile that wait for a reconcile thread")
                    .tag("controller", controller).register(registry);
            Gauge.builder(ACTIVE, active, Set::size)
                    .description("Resources being reconciled now")
                    .tag("controller", controller).register(registry);
            succeeded = reconciles(controller, "success");
            failed = reconciles(controller, "error");
        }

        private Counter reconciles(String controller, String result) {
            return Counter.builder(RECONCILES).description("Reconciles finished, by result (error: the reconciler threw; it is retried)")
                    .tag("controller", controller).tag("result", result).register(registry);
        }
    }

    @Override
    public void controllerRegistered(Controller<? extends HasMetadata> controller) {
        series(controller.getConfiguration().getName());
    }

    @Override
    public void reconciliationSubmitted(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
        series(metadata).queued.add(ResourceID.fromResource(resource));
    }

    @Override
    public void reconciliationStarted(HasMetadata resource, Map<String, Object> metadata) {
        ControllerSeries series = series(metadata);
        ResourceID id = ResourceID.fromResource(resource);
        series.queued.remove(id);
        series.active.add(id);
    }

    @Override
    public void reconciliationSucceeded(HasMetadata resource, Map<String, Object> metadata) {
        series(metadata).succeeded.increment();
    }

    @Override
    public void reconciliationFailed(HasMetadata resource, RetryInfo retry, Exception exception, Map<String, Object> metadata) {
        series(metadata).failed.increment();
    }

    @Override
    public void reconciliationFinished(HasMetadata resource, RetryInfo retryInfo, Map<String, Object> metadata) {
        ControllerSeries series = series(metadata);
        ResourceID id = ResourceID.fromResource(resource);
        series.queued.remove(id);
        series.active.remove(id);
    }

    @Override
    public void cleanupDone(ResourceID resourceID, Map<String, Object> metadata) {
        if (metadata.get(RESOURCE_GVK) instanceof GroupVersionKind gvk) {
            deleted.accept(gvk.getKind(), resourceID);
        }
    }

    private ControllerSeries series(Map<String, Object> metadata) {
        return series(String.valueOf(metadata.get(CONTROLLER_NAME)));
    }

    private ControllerSeries series(String controller) {
        return controllers.computeIfAbsent(controller, ControllerSeries::new);
    }
}

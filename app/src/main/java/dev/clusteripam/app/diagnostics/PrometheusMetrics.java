package dev.clusteripam.app.diagnostics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The registry {@code run} records on and serves: the provider's own meters plus the JVM's and the
 * process's (memory, garbage collection, threads, classes, CPU, uptime, open files), which an
 * operator reads next to a container's limits.
 */
public final class PrometheusMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    /** Listens to GC notifications until closed. */
    private final JvmGcMetrics garbageCollection;

    private PrometheusMetrics(PrometheusMeterRegistry registry, JvmGcMetrics garbageCollection) {
        this.registry = registry;
        this.garbageCollection = garbageCollection;
    }

    public static PrometheusMetrics withJvmAndProcessMetrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics garbageCollection = new JvmGcMetrics();
        garbageCollection.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return new PrometheusMetrics(registry, garbageCollection);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Everything in Prometheus' text format, as a scrape reads it. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        garbageCollection.close();
        registry.close();
    }
}

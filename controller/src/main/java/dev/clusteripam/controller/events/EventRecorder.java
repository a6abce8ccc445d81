package dev.clusteripam.controller.events;

import dev.clusteripam.core.text.Excerpt;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes events on our objects, so that {@code kubectl describe} tells what went wrong
 * and why. Only warnings (refusals, orphans released, objects that cannot be read): a success is
 * told by its condition, and an event for it would be one more API write per allocation. Events are
 * sent from threads of their own, as client-go's broadcaster does: a reconcile does not wait for
 * them (an event on the reconcile thread cost one more API round trip on the claim's path, see
 * docs/benchmarks.md), and when the API server falls far behind, events beyond a bounded queue are
 * dropped and logged rather than held in memory.
 */
public final class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final String COMPONENT = "cluster-ipam";
    private static final int SENDERS = 2;
    private static final int QUEUED_AT_MOST = 10_000;

    private final KubernetesClient client;
    private final Clock clock;
    private final ExecutorService senders;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.senders = new ThreadPoolExecutor(SENDERS, SENDERS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUED_AT_MOST),
                runnable -> {
                    Thread thread = new Thread(runnable, "event-sender");
                    thread.setDaemon(true);
                    return thread;
                },
                (event, executor) -> LOG.warn("event dropped: more than {} events wait to be sent", QUEUED_AT_MOST));
    }

    public void warning(HasMetadata object, String reason, String message) {
        // Messages quote what users wrote: bounded, as every value quoted back is.
        String bounded = Excerpt.ofMessage(message);
        senders.execute(() -> send(object, reason, bounded));
    }

    private void send(HasMetadata object, String reason, String message) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        String namespace = object.getMetadata().getNamespace() == null ? "default" : object.getMetadata().getNamespace();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(object.getMetadata().getName() + ".").withNamespace(namespace).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder()
                            .withApiVersion(object.getApiVersion()).withKind(object.getKind())
                            .withNamespace(object.getMetadata().getNamespace()).withName(object.getMetadata().getName())
                            .withUid(object.getMetadata().getUid()).build())
                    .withType("Warning").withReason(reason).withMessage(message)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .withReportingComponent(COMPONENT)
                    .build()).create();
        } catch (KubernetesClientException e) {
            // An event is a courtesy; failing to record one must not fail the reconcile that caused it.
            LOG.warn("event not recorded: object={} reason={} error={}", object.getMetadata().getName(), reason, e.getMessage());
        }
    }
}

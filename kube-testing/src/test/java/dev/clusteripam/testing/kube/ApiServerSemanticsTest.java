package dev.clusteripam.testing.kube;

import static dev.clusteripam.testing.kube.ClusterApiObjects.claim;
import static dev.clusteripam.testing.kube.ClusterApiObjects.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import org.junit.jupiter.api.Test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What a mock server would fake and the real one does: watches and optimistic concurrency. */
@WithKubernetes
class ApiServerSemanticsTest {

    private static final long EVENT_WAIT_SECONDS = 10;

    @Test
    void aWatchDeliversTheLifeOfAClaimInOrder(KubernetesClient client) throws InterruptedException {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        // Watching from the list's resourceVersion: no event can slip in before the watch starts.
        String listVersion = claims(client).list().getMetadata().getResourceVersion();
        try (Watch ignored =
                claims(client)
                        .watch(
                                new ListOptionsBuilder().withResourceVersion(listVersion).build(),
                                new Recorder(events))) {
            claims(client).resource(claim("watched", "pool-a")).create();
            claims(client).withName("watched").edit(c -> labelled(c, "stage", "edited"));
            claims(client).withName("watched").delete();

            assertThat(events.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo("ADDED watched");
            assertThat(events.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo("MODIFIED watched");
            assertThat(events.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo("DELETED watched");
        }
    }

    @Test
    void anUpdateBasedOnAStaleResourceVersionIsRefused(KubernetesClient client) {
        claims(client).resource(claim("contended", "pool-a")).create();
        GenericKubernetesResource readByFirst = claims(client).withName("contended").get();
        GenericKubernetesResource readBySecond = claims(client).withName("contended").get();

        claims(client).resource(labelled(readByFirst, "writer", "first")).update();
        KubernetesClientException refusal =
                catchThrowableOfType(
                        KubernetesClientException.class,
                        () ->
                                claims(client)
                                        .resource(labelled(readBySecond, "writer", "second"))
                                        .update());

        assertThat(refusal.getCode()).isEqualTo(409);
        assertThat(refusal.getMessage()).contains("the object has been modified");
        assertThat(claims(client).withName("contended").get().getMetadata().getLabels())
                .containsEntry("writer", "first");
    }

    private static GenericKubernetesResource labelled(
            GenericKubernetesResource resource, String key, String value) {
        resource.getMetadata().getLabels().put(key, value);
        return resource;
    }

    private record Recorder(BlockingQueue<String> events)
            implements Watcher<GenericKubernetesResource> {
        @Override
        public void eventReceived(Action action, GenericKubernetesResource resource) {
            events.add(action + " " + resource.getMetadata().getName());
        }

        @Override
        public void onClose(WatcherException cause) {
            events.add("CLOSED " + cause.getMessage());
        }
    }
}

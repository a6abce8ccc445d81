package dev.clusteripam.controller.claim;

import dev.clusteripam.api.capi.Cluster;
import dev.clusteripam.api.capi.IPAddressClaim;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/** SPEC 2.7: nothing is done for a claim while it, its pool or its Cluster is paused. */
final class PauseCheck {

    static final String PAUSED_ANNOTATION = "cluster.x-k8s.io/paused";

    private PauseCheck() {
    }

    /** The Cluster a claim belongs to: {@code spec.clusterName}, else the cluster-name label. */
    static Optional<String> clusterNameOf(IPAddressClaim claim) {
        String fromSpec = claim.getSpec() == null ? null : claim.getSpec().getClusterName();
        if (fromSpec != null && !fromSpec.isEmpty()) {
            return Optional.of(fromSpec);
        }
        Map<String, String> labels = claim.getMetadata().getLabels();
        return Optional.ofNullable(labels == null ? null : labels.get(IPAddresses.CLUSTER_NAME_LABEL)).filter(n -> !n.isEmpty());
    }

    static boolean isPaused(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations != null && annotations.containsKey(PAUSED_ANNOTATION);
    }

    static boolean isPaused(Cluster cluster) {
        return isPaused((HasMetadata) cluster) || (cluster.getSpec() != null && Boolean.TRUE.equals(cluster.getSpec().getPaused()));
    }
}

package dev.clusteripam.app.dev;

import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaim;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Puts the example manifests on the cluster and reads back how their claims ended. */
final class ExampleApplier {

    private final KubernetesClient client;
    private final PrintWriter progress;

    ExampleApplier(KubernetesClient client, PrintWriter progress) {
        this.client = client;
        this.progress = progress;
    }

    void applyPools(List<HasMetadata> pools) {
        for (HasMetadata pool : pools) {
            client.resource(pool).serverSideApply();
        }
        progress.println("dev: applied " + pools.size() + " pools from " + ExampleManifests.POOLS);
    }

    /**
     * Applies each claim and waits (at most {@code patience}) until it settles as its example
     * expects before the next: the provider reconciles claims concurrently, so claims applied at once
     * would get a pool's first addresses in no particular order, and the examples promise an order.
     */
    void applyClaimsInOrder(List<IPAddressClaim> claims, Duration patience) {
        for (IPAddressClaim claim : claims) {
            client.resource(claim).serverSideApply();
            ClaimExpectation expectation = ClaimExpectation.of(claim);
            try {
                client.resources(IPAddressClaim.class).inNamespace(claim.getMetadata().getNamespace())
                        .withName(claim.getMetadata().getName())
                        .waitUntilCondition(current -> current != null && expectation.isSettled(ClaimRow.of(current, Optional.empty())),
                                patience.toSeconds(), TimeUnit.SECONDS);
            } catch (KubernetesClientException e) {
                progress.println("dev: claim " + claim.getMetadata().getNamespace() + "/" + claim.getMetadata().getName()
                        + " did not settle within " + patience.toSeconds() + "s");
            }
        }
        progress.println("dev: applied " + claims.size() + " claims from " + ExampleManifests.CLAIMS);
    }

    /** The rows of {@code claims} as they are now, in their order. */
    List<ClaimRow> rows(List<IPAddressClaim> claims) {
        return claims.stream().map(claim -> {
            String namespace = claim.getMetadata().getNamespace();
            IPAddressClaim current = client.resources(IPAddressClaim.class).inNamespace(namespace)
                    .withName(claim.getMetadata().getName()).get();
            IPAddressClaim shown = current == null ? claim : current;
            Optional<IPAddress> address = Optional.ofNullable(shown.getStatus())
                    .flatMap(status -> Optional.ofNullable(status.getAddressRef()))
                    .map(reference -> client.resources(IPAddress.class).inNamespace(namespace).withName(reference.getName()).get());
            return ClaimRow.of(shown, address);
        }).toList();
    }
}

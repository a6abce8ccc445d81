package dev.clusteripam.app.dev;

import dev.clusteripam.api.capi.IPAddressClaim;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The checkout's example pools ({@code examples/pools/}) and claims ({@code examples/claims/}), in
 * file-name order and, within a file, in document order.
 */
record ExampleManifests(List<HasMetadata> pools, List<IPAddressClaim> claims) {

    static final String POOLS = "examples/pools";
    static final String CLAIMS = "examples/claims";

    ExampleManifests {
        pools = List.copyOf(pools);
        claims = List.copyOf(claims);
    }

    /**
     * Reads them with {@code client}'s serialization; a claim without a namespace gets the client's,
     * as kubectl apply gives it.
     */
    static ExampleManifests read(Path checkout, KubernetesClient client) throws IOException {
        List<HasMetadata> pools = load(checkout.resolve(POOLS), client);
        List<IPAddressClaim> claims = new ArrayList<>();
        for (HasMetadata document : load(checkout.resolve(CLAIMS), client)) {
            IPAddressClaim claim = client.getKubernetesSerialization().convertValue(document, IPAddressClaim.class);
            if (claim.getMetadata().getNamespace() == null) {
                claim.getMetadata().setNamespace(client.getNamespace());
            }
            claims.add(claim);
        }
        return new ExampleManifests(pools, claims);
    }

    private static List<HasMetadata> load(Path directory, KubernetesClient client) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        List<HasMetadata> documents = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                documents.addAll(client.load(in).items());
            }
        }
        return documents;
    }
}

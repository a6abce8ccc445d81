package dev.clusteripam.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The release artifacts, written once per test JVM by {@code hack/release} exactly as a release is
 * made, into the directory the pom names.
 *
 * @param directory what hack/release printed as its result
 * @param components {@code ipam-components.yaml}
 * @param metadata {@code metadata.yaml}
 * @param version the version hack/release chose (the pom's, as a release would)
 */
record ReleaseArtifacts(Path directory, Path components, Path metadata, String version) {

    static final String COMPONENTS_FILE = "ipam-components.yaml";
    static final String METADATA_FILE = "metadata.yaml";
    /** clusterctl's name for the provider, its label value and its namespace: upstream's. */
    static final String PROVIDER_NAME = "in-cluster";
    static final String PROVIDER_LABEL = "cluster.x-k8s.io/provider";
    static final String PROVIDER_LABEL_VALUE = "ipam-in-cluster";
    static final String NAMESPACE = "capi-ipam-in-cluster-system";
    static final String NAME_PREFIX = "capi-ipam-in-cluster-";

    private static ReleaseArtifacts written;

    /** Runs hack/release the first time it is asked for. */
    static synchronized ReleaseArtifacts get() {
        if (written == null) {
            Path out = Path.of(System.getProperty("cluster-ipam.release-dir", "target/release")).toAbsolutePath();
            RepositoryScripts.Output output = RepositoryScripts.run(Map.of(),
                    RepositoryScripts.root().resolve("hack/release").toString(), "--out", out.toString());
            Path directory = Path.of(RepositoryScripts.lastLine(output));
            written = new ReleaseArtifacts(directory, directory.resolve(COMPONENTS_FILE), directory.resolve(METADATA_FILE),
                    versionFrom(output.stderr()));
        }
        return written;
    }

    Manifests componentObjects() {
        return Manifests.parse(read(components));
    }

    String metadataText() {
        return read(metadata);
    }

    /** hack/release logs "version=vX.Y.Z image=..." on standard error. */
    private static String versionFrom(String log) {
        return log.lines().filter(line -> line.contains("version="))
                .map(line -> line.replaceFirst(".*version=(\\S+).*", "$1"))
                .findFirst().orElseThrow(() -> new IllegalStateException("hack/release did not log its version:\n" + log));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

package dev.clusteripam.api.crd;

import java.nio.file.Path;

/** Files of the repository outside this module, found through the property the build sets. */
final class RepositoryFiles {

    static final String ROOT_PROPERTY = "cluster-ipam.repo-root";

    private RepositoryFiles() {
    }

    /** The committed CRDs, which hack/control-plane applies to test API servers. */
    static Path crdBases() {
        return root().resolve("config/crd/bases");
    }

    static Path crdDirectory() {
        return root().resolve("config/crd");
    }

    static Path root() {
        String root = System.getProperty(ROOT_PROPERTY);
        if (root == null) {
            throw new IllegalStateException(
                    "system property " + ROOT_PROPERTY + " is not set; run the tests with Maven");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }
}

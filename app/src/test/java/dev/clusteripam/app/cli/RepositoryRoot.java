package dev.clusteripam.app.cli;

import java.nio.file.Path;

/** The repository checkout the build runs in, where {@code examples/} lives; set by the pom. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    static Path path() {
        String root = System.getProperty("cluster-ipam.repo-root");
        if (root == null) {
            throw new IllegalStateException("system property cluster-ipam.repo-root is not set; run the tests through Maven");
        }
        return Path.of(root).normalize();
    }
}

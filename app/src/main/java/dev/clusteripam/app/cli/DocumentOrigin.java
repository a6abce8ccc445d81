package dev.clusteripam.app.cli;

import java.nio.file.Path;

/**
 * Where a document comes from, as messages start: {@code pools.yaml: InClusterIPPool/pool-a}, or
 * {@code pools.yaml: document 2} while the document has no kind to name it by.
 */
record DocumentOrigin(Path file, String label) {

    @Override
    public String toString() {
        return file + ": " + label;
    }
}

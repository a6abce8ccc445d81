package dev.clusteripam.app.cli;

/** One document of a manifest file, as the CLI sees it: a pool, something else, or unreadable. */
sealed interface ManifestDocument permits PoolManifest, ManifestDocument.Skipped, ManifestDocument.Unreadable {

    DocumentOrigin origin();

    /** A document of another kind or API version: nothing of ours to check. */
    record Skipped(DocumentOrigin origin) implements ManifestDocument {

        @Override
        public String toString() {
            return origin + ": skipped, not an " + PoolManifests.API_VERSION + " pool";
        }
    }

    /** A document the API server would refuse before any webhook sees it. */
    record Unreadable(DocumentOrigin origin, String problem) implements ManifestDocument {

        @Override
        public String toString() {
            return origin + ": " + problem;
        }
    }
}

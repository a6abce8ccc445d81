package dev.clusteripam.app.cli;

import dev.clusteripam.core.pool.Validation;
import dev.clusteripam.core.text.Excerpt;
import java.io.PrintWriter;

/** Prints what validation found about one pool, a line per finding, each starting with where the pool is. */
final class ValidationReport {

    private ValidationReport() {
    }

    static void print(PoolManifest pool, Validation<?> validation, PrintWriter to) {
        validation.errors().forEach(error -> to.println(pool.origin() + ": " + error));
        pool.unknownFields().forEach(field -> to.println(pool.origin() + ": warning: unknown field \"" + Excerpt.of(field) + "\""));
        validation.warnings().forEach(warning -> to.println(pool.origin() + ": warning: " + warning));
    }
}

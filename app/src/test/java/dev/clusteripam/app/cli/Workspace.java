package dev.clusteripam.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the manifests and lists of a test into its temporary directory. */
final class Workspace {

    private final Path directory;

    Workspace(Path directory) {
        this.directory = directory;
    }

    /** An {@code InClusterIPPool} named {@code name} with {@code spec} (YAML, unindented). */
    Path ipPool(String name, String spec) {
        return pool("InClusterIPPool", name, spec);
    }

    /** An {@code InClusterPrefixPool} named {@code name} with {@code spec} (YAML, unindented). */
    Path prefixPool(String name, String spec) {
        return pool("InClusterPrefixPool", name, spec);
    }

    Path pool(String kind, String name, String spec) {
        return file(name + ".yaml", manifest(kind, name, spec));
    }

    static String manifest(String kind, String name, String spec) {
        return "apiVersion: ipam.cluster.x-k8s.io/v1alpha2\n"
                + "kind: " + kind + "\n"
                + "metadata:\n"
                + "  name: " + name + "\n"
                + "spec:\n"
                + spec.indent(2);
    }

    Path file(String name, String content) {
        Path file = directory.resolve(name);
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    Path missing(String name) {
        return directory.resolve(name);
    }
}

package dev.clusteripam.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An image tarball in {@code docker save} format (what {@code jib:buildTar} writes and {@code docker
 * load} reads), unpacked into a directory: {@code manifest.json} names the configuration JSON and the
 * layer archives, bottom layer first.
 */
record ImageArchive(Path directory, List<String> repoTags, JsonNode configuration, List<Path> layers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    ImageArchive {
        repoTags = List.copyOf(repoTags);
        layers = List.copyOf(layers);
    }

    /** Unpacks {@code tarball} into {@code directory} and reads its manifest. */
    static ImageArchive unpack(Path tarball, Path directory) {
        try {
            Files.createDirectories(directory);
            HostCommand.run(List.of("tar", "--extract", "--file", tarball.toString(), "--directory", directory.toString()));
            JsonNode manifests = JSON.readTree(directory.resolve("manifest.json").toFile());
            if (manifests.size() != 1) {
                throw new IllegalArgumentException(tarball + " holds " + manifests.size() + " images, expected one");
            }
            JsonNode manifest = manifests.get(0);
            List<String> tags = new ArrayList<>();
            manifest.path("RepoTags").forEach(tag -> tags.add(tag.asText()));
            List<Path> layers = new ArrayList<>();
            manifest.path("Layers").forEach(layer -> layers.add(inside(directory, layer.asText())));
            JsonNode configuration = JSON.readTree(inside(directory, manifest.path("Config").asText()).toFile());
            return new ImageArchive(directory, tags, configuration, layers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image " + tarball, e);
        }
    }

    ImageConfig config() {
        return ImageConfig.of(configuration);
    }

    /** The layers' digests as the configuration lists them ({@code rootfs.diff_ids}), bottom first. */
    List<String> diffIds() {
        List<String> ids = new ArrayList<>();
        configuration.path("rootfs").path("diff_ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static Path inside(Path directory, String name) {
        Path path = directory.resolve(name).normalize();
        if (!path.startsWith(directory)) {
            throw new IllegalArgumentException("the manifest names a file outside the archive: " + name);
        }
        return path;
    }
}

package dev.clusteripam.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers applied in order, with the whiteouts of the OCI image layer specification. */
class RootFilesystemTest {

    @TempDir
    Path work;

    @Test
    void anUpperLayersWhiteoutsRemoveWhatLowerLayersLeft() throws IOException {
        Path lower = layer("lower",
                "etc/kept", "lower",
                "etc/removed", "lower",
                "opaque/old-1", "lower",
                "opaque/old-2", "lower",
                "removed-tree/file", "lower");
        Path upper = layer("upper",
                "etc/.wh.removed", "",
                "opaque/.wh..wh..opq", "",
                "opaque/new", "upper",
                ".wh.removed-tree", "");

        RootFilesystem root = RootFilesystem.unpack(List.of(lower, upper), work.resolve("root"));

        assertThat(root.resolve("/etc/kept")).hasContent("lower");
        assertThat(root.resolve("/etc/removed")).doesNotExist();
        assertThat(root.resolve("/opaque")).isDirectoryContaining(path -> path.endsWith("new"));
        assertThat(root.resolve("/opaque/old-1")).doesNotExist();
        assertThat(root.resolve("/opaque/old-2")).doesNotExist();
        assertThat(root.resolve("/removed-tree")).doesNotExist();
        assertThat(root.resolve("/etc")).isDirectoryNotContaining(path -> path.getFileName().toString().startsWith(".wh."));
        assertThat(root.resolve("/opaque")).isDirectoryNotContaining(path -> path.getFileName().toString().startsWith(".wh."));
    }

    @Test
    void aWhiteoutOfASymbolicLinkRemovesTheLinkNotItsTarget() throws IOException {
        Path lowerTree = Files.createDirectories(work.resolve("lower-tree"));
        Files.createDirectories(lowerTree.resolve("data"));
        Files.writeString(lowerTree.resolve("data/file"), "lower");
        Files.createSymbolicLink(lowerTree.resolve("link"), Path.of("data"));
        Path lower = archive(lowerTree);
        Path upper = layer("upper", ".wh.link", "");

        RootFilesystem root = RootFilesystem.unpack(List.of(lower, upper), work.resolve("root"));

        assertThat(Files.exists(root.resolve("/link"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(root.resolve("/data/file")).hasContent("lower");
    }

    @Test
    void aLaterLayersFileReplacesAnEarlierOnes() throws IOException {
        Path lower = layer("lower", "etc/config", "lower");
        Path upper = layer("upper", "etc/config", "upper");

        RootFilesystem root = RootFilesystem.unpack(List.of(lower, upper), work.resolve("root"));

        assertThat(root.resolve("/etc/config")).hasContent("upper");
    }

    @Test
    void pathsInTheImageStayInsideTheRoot() throws IOException {
        RootFilesystem root = RootFilesystem.unpack(List.of(layer("only", "etc/config", "x")), work.resolve("root"));

        assertThat(root.resolve("/etc/../etc/config")).isEqualTo(root.directory().resolve("etc/config"));
        assertThatThrownBy(() -> root.resolve("/../outside")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A gzip-compressed layer with the given files: path, content, path, content, ... */
    private Path layer(String name, String... pathsAndContents) throws IOException {
        Path tree = Files.createDirectories(work.resolve(name + "-tree"));
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path file = tree.resolve(pathsAndContents[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, pathsAndContents[i + 1]);
        }
        return archive(tree);
    }

    private Path archive(Path tree) {
        Path layer = work.resolve(tree.getFileName() + ".tar.gz");
        HostCommand.run(List.of("tar", "--create", "--gzip", "--file", layer.toString(), "--directory", tree.toString(), "."));
        return layer;
    }
}

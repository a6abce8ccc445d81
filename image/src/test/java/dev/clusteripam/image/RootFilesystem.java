package dev.clusteripam.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * An image's layers applied in order to one directory, as a container runtime's snapshotter does:
 * each layer's whiteouts first remove what lower layers left ({@code .wh.NAME} removes NAME, {@code
 * .wh..wh..opq} empties its directory), then its files are written with their owners and modes.
 *
 * <p>Unpacking with the layers' owners takes root, as a runtime has.
 */
final class RootFilesystem {

    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_WHITEOUT = ".wh..wh..opq";

    private final Path directory;

    private RootFilesystem(Path directory) {
        this.directory = directory;
    }

    /** Applies {@code layers} (tar archives, compressed or not; the bottom layer first) to an empty {@code directory}. */
    static RootFilesystem unpack(List<Path> layers, Path directory) {
        try {
            Files.createDirectories(directory);
            try (Stream<Path> existing = Files.list(directory)) {
                if (existing.findAny().isPresent()) {
                    throw new IllegalArgumentException(directory + " is not empty");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RootFilesystem root = new RootFilesystem(directory.toAbsolutePath().normalize());
        layers.forEach(root::apply);
        return root;
    }

    Path directory() {
        return directory;
    }

    /** The host path of {@code pathInImage}, an absolute path inside the image. */
    Path resolve(String pathInImage) {
        Path path = directory.resolve(relative(pathInImage)).normalize();
        if (!path.startsWith(directory)) {
            throw new IllegalArgumentException(pathInImage + " leads outside the root file system");
        }
        return path;
    }

    /** Copies a host file into the image, readable by its owner only, as a Secret volume with defaultMode 0400 is. */
    void install(Path hostFile, String pathInImage, ImageUser owner) {
        Path target = resolve(pathInImage);
        try {
            Files.createDirectories(target.getParent());
            Files.copy(hostFile, target);
            Files.setAttribute(target, "unix:uid", owner.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:gid", owner.gid(), LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + hostFile + " as " + pathInImage, e);
        }
    }

    /** Makes an empty directory for a runtime to mount on, as runtimes create /proc and /dev when an image lacks them. */
    void mountPoint(String pathInImage) {
        try {
            Files.createDirectories(resolve(pathInImage));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void apply(Path layer) {
        for (String entry : HostCommand.run(tar("--list", "--file", layer.toString())).lines().toList()) {
            Path path = resolve("/" + entry);
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (name.equals(OPAQUE_WHITEOUT)) {
                deleteChildren(path.getParent());
            } else if (name.startsWith(WHITEOUT_PREFIX)) {
                delete(path.resolveSibling(name.substring(WHITEOUT_PREFIX.length())));
            }
        }
        HostCommand.run(tar("--extract", "--file", layer.toString(), "--directory", directory.toString(),
                "--same-owner", "--numeric-owner", "--same-permissions", "--exclude=" + WHITEOUT_PREFIX + "*"));
    }

    private static List<String> tar(String... arguments) {
        // Jib's layers carry libarchive's creation time, which GNU tar does not know and need not.
        return Stream.concat(Stream.of("tar", "--warning=no-unknown-keyword"), Stream.of(arguments)).toList();
    }

    private static String relative(String pathInImage) {
        String relative = pathInImage;
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        return relative.startsWith("./") ? relative.substring(2) : relative;
    }

    private static void deleteChildren(Path directory) {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> children = Files.list(directory)) {
            children.forEach(RootFilesystem::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a file, a symbolic link (not its target) or a directory tree. */
    private static void delete(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}

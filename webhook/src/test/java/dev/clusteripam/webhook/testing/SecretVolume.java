package dev.clusteripam.webhook.testing;

import dev.clusteripam.webhook.testing.TestCertificates.KeyFormat;
import dev.clusteripam.webhook.testing.TestCertificates.Serving;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A certificate directory laid out as the kubelet projects a Secret volume, so that a test rotates
 * the files the way cert-manager's renewals reach a pod: {@code tls.crt -> ..data/tls.crt},
 * {@code ..data -> ..<generation>/}, and a new generation made visible by renaming a fresh
 * {@code ..data} link over the old one, one atomic step for both files.
 */
public final class SecretVolume {

    private static final String DATA = "..data";
    private static final String[] FILES = {"tls.crt", "tls.key"};

    private final Path dir;
    private final AtomicInteger generations = new AtomicInteger();

    private SecretVolume(Path dir) {
        this.dir = dir;
    }

    /**
     * Turns the plain {@code tls.crt} and {@code tls.key} in {@code dir} into the kubelet's layout,
     * with the same content: each file is replaced by its link with one rename.
     */
    public static SecretVolume convert(Path dir) {
        SecretVolume volume = new SecretVolume(dir);
        try {
            Path generation = volume.newGeneration();
            for (String file : FILES) {
                Files.copy(dir.resolve(file), generation.resolve(file));
            }
            volume.pointDataAt(generation);
            for (String file : FILES) {
                Path link = dir.resolve(file + ".tmp");
                Files.createSymbolicLink(link, Path.of(DATA, file));
                Files.move(link, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return volume;
    }

    /** Projects {@code serving} as the kubelet does an updated Secret: both files change in one rename. */
    public void project(Serving serving, KeyFormat format) {
        try {
            Path generation = newGeneration();
            serving.writeTo(generation, format);
            Path previous = dir.resolve(DATA).toRealPath();
            pointDataAt(generation);
            deleteGeneration(previous);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path newGeneration() throws IOException {
        return Files.createDirectory(dir.resolve("..generation_" + generations.incrementAndGet()));
    }

    private void pointDataAt(Path generation) throws IOException {
        Path link = dir.resolve(DATA + "_tmp");
        Files.createSymbolicLink(link, generation.getFileName());
        Files.move(link, dir.resolve(DATA), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The kubelet removes the old generation right after the swap; a reader that opened it in time keeps its file. */
    private static void deleteGeneration(Path generation) throws IOException {
        for (String file : FILES) {
            Files.deleteIfExists(generation.resolve(file));
        }
        Files.delete(generation);
    }
}

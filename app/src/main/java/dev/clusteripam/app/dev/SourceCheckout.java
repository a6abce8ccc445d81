package dev.clusteripam.app.dev;

import dev.clusteripam.app.lifecycle.StartupException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The cluster-ipam checkout this code was built in: the directory above the jar (or the classes
 * directory) that holds {@code hack/control-plane}, which is where {@code bin/cluster-ipam} finds
 * the jar from the other side.
 */
final class SourceCheckout {

    static final String CONTROL_PLANE_SCRIPT = "hack/control-plane";

    private SourceCheckout() {
    }

    static Path root() throws StartupException {
        Path code;
        try {
            code = Path.of(SourceCheckout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new StartupException("cannot tell where cluster-ipam runs from: " + e.getMessage(), e);
        }
        for (Path directory = code.toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isExecutable(directory.resolve(CONTROL_PLANE_SCRIPT))) {
                return directory;
            }
        }
        throw new StartupException("dev runs from a cluster-ipam checkout (it starts " + CONTROL_PLANE_SCRIPT
                + " and applies examples/), but none holds " + code);
    }
}

package dev.clusteripam.app.dev;

import dev.clusteripam.app.lifecycle.StartupException;
import dev.clusteripam.controlplane.ControlPlaneScript;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The cluster-ipam checkout this code was built in: the directory above the jar (or the classes
 * directory) that holds {@code hack/control-plane}, which is where {@code bin/cluster-ipam} finds
 * the jar from the other side.
 */
final class SourceCheckout {

    private SourceCheckout() {
    }

    static Path root() throws StartupException {
        Path code;
        try {
            code = Path.of(SourceCheckout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new StartupException("cannot tell where cluster-ipam runs from: " + e.getMessage(), e);
        }
        return ControlPlaneScript.findCheckout(code).orElseThrow(() -> new StartupException(
                "dev runs from a cluster-ipam checkout (it starts " + ControlPlaneScript.PATH
                        + " and applies examples/), but none holds " + code));
    }
}

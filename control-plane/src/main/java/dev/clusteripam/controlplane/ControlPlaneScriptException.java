package dev.clusteripam.controlplane;

import java.io.IOException;

/** {@code hack/control-plane} could not run, failed or overran its time; the message says which. */
public final class ControlPlaneScriptException extends IOException {

    private static final long serialVersionUID = 1L;

    ControlPlaneScriptException(String message) {
        super(message);
    }

    ControlPlaneScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}

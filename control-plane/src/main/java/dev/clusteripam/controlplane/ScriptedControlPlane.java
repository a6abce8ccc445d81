package dev.clusteripam.controlplane;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One kube-apiserver and etcd on loopback, started by {@link ControlPlaneScript} with its state in
 * a directory and owned by this process: should the process die without closing it, the script's
 * watchdog stops the servers. Closing stops them, also when closed (from a shutdown hook, say)
 * while the start is still under way.
 */
public final class ScriptedControlPlane implements AutoCloseable {

    private final ControlPlaneScript script;
    private final Path directory;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** A start under way: cut short by closing, it may have left servers running. */
    private volatile boolean starting;
    private volatile Optional<Path> kubeconfig = Optional.empty();

    /** @param directory where the servers keep their state, certificates, logs and pid files */
    public ScriptedControlPlane(ControlPlaneScript script, Path directory) {
        this.script = script;
        this.directory = directory;
    }

    /** Starts the servers and applies the CRDs; returns the kubeconfig of a cluster-admin. */
    public Path start() throws ControlPlaneScriptException {
        starting = true;
        try {
            // A start that fails on its own stops what it started, or (servers of an earlier start
            // still running) starts nothing; stopping here could stop another session's servers.
            Path started = script.start(directory, ProcessHandle.current().pid());
            kubeconfig = Optional.of(started);
            return started;
        } finally {
            starting = false;
        }
    }

    public Path directory() {
        return directory;
    }

    /** The kubeconfig, once started. */
    public Path kubeconfig() {
        return kubeconfig.orElseThrow(() -> new IllegalStateException("the control plane in " + directory + " is not started"));
    }

    /**
     * Ends a script call under way, then stops the servers if they were started or their start was
     * cut short; only once.
     */
    @Override
    public void close() throws ControlPlaneScriptException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean serversMayRun = kubeconfig.isPresent() || starting;
        script.cancel();
        if (serversMayRun) {
            script.stop(directory);
        }
    }
}

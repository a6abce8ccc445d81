package dev.clusteripam.app.run;

import dev.clusteripam.app.lifecycle.StartupException;
import dev.clusteripam.controller.ProviderOptions.LeaderElection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The Lease that {@code --leader-elect} holds: upstream's leader-election ID, so that during an
 * upgrade from the Go provider only one of the two reconciles, in the namespace upstream's manager
 * (controller-runtime) picks: the pod's, from its service account's namespace file. Beyond
 * upstream, {@code POD_NAMESPACE} also names it, so that a provider outside a pod can elect too.
 */
final class LeaderElectionLease {

    /** {@code LeaderElectionID} in upstream's {@code main.go}. */
    static final String NAME = "7bb7acb4.ipam.cluster.x-k8s.io";

    static final Path SERVICE_ACCOUNT_NAMESPACE_FILE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");
    static final String POD_NAMESPACE_VARIABLE = "POD_NAMESPACE";

    private final Path namespaceFile;
    private final Map<String, String> environment;

    LeaderElectionLease(Path namespaceFile, Map<String, String> environment) {
        this.namespaceFile = namespaceFile;
        this.environment = Map.copyOf(environment);
    }

    /** Looks where a pod finds its namespace, and at this process's environment. */
    static LeaderElectionLease ofThisProcess() {
        return new LeaderElectionLease(SERVICE_ACCOUNT_NAMESPACE_FILE, System.getenv());
    }

    LeaderElection leaderElection() throws StartupException {
        return new LeaderElection(namespace(), NAME);
    }

    private String namespace() throws StartupException {
        Optional<String> fromFile = readNamespaceFile();
        if (fromFile.isPresent()) {
            return fromFile.get();
        }
        return Optional.ofNullable(environment.get(POD_NAMESPACE_VARIABLE)).map(String::strip).filter(name -> !name.isEmpty())
                .orElseThrow(() -> new StartupException("--leader-elect needs a namespace for its Lease " + NAME
                        + ": not running in a pod (no " + namespaceFile + ") and " + POD_NAMESPACE_VARIABLE + " is not set"));
    }

    private Optional<String> readNamespaceFile() throws StartupException {
        if (!Files.exists(namespaceFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(namespaceFile).strip()).filter(name -> !name.isEmpty());
        } catch (IOException e) {
            throw new StartupException("--leader-elect: cannot read the pod's namespace from " + namespaceFile + ": " + e.getMessage(), e);
        }
    }
}

package dev.clusteripam.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clusteripam.app.lifecycle.StartupException;
import dev.clusteripam.controller.ProviderOptions.LeaderElection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lease is upstream's, so that the Go provider and this one never reconcile at the same time. */
class LeaderElectionLeaseTest {

    @TempDir
    Path directory;

    @Test
    void inAPodTheLeaseLivesInThePodsNamespaceUnderUpstreamsName() throws IOException, StartupException {
        Path namespaceFile = Files.writeString(directory.resolve("namespace"), "capi-ipam-in-cluster-system");

        LeaderElection election = new LeaderElectionLease(namespaceFile, Map.of()).leaderElection();

        assertThat(election).isEqualTo(new LeaderElection("capi-ipam-in-cluster-system", "7bb7acb4.ipam.cluster.x-k8s.io"));
    }

    @Test
    void theServiceAccountsNamespaceWinsOverPodNamespace() throws IOException, StartupException {
        Path namespaceFile = Files.writeString(directory.resolve("namespace"), "from-file\n");

        LeaderElection election = new LeaderElectionLease(namespaceFile, Map.of("POD_NAMESPACE", "from-env")).leaderElection();

        assertThat(election.leaseNamespace()).isEqualTo("from-file");
    }

    @Test
    void outsideAPodPodNamespaceNamesIt() throws StartupException {
        LeaderElection election = new LeaderElectionLease(directory.resolve("absent"), Map.of("POD_NAMESPACE", "capi-system"))
                .leaderElection();

        assertThat(election.leaseNamespace()).isEqualTo("capi-system");
    }

    @Test
    void withNeitherItRefusesToStartAndSaysWhatToSet() {
        Path absent = directory.resolve("absent");

        assertThatThrownBy(() -> new LeaderElectionLease(absent, Map.of("POD_NAMESPACE", " ")).leaderElection())
                .isInstanceOf(StartupException.class)
                .hasMessage("--leader-elect needs a namespace for its Lease 7bb7acb4.ipam.cluster.x-k8s.io: not running in a pod (no "
                        + absent + ") and POD_NAMESPACE is not set");
    }
}

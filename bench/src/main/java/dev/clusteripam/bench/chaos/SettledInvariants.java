package dev.clusteripam.bench.chaos;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;

/**
 * The invariants once the provider has had time to finish what was in flight (releases of deleted
 * claims): checked at once, and again every two seconds while something fails, for at most the
 * settle time. What still fails then is a violation.
 *
 * @param violations what was found on the last look
 * @param undecodable objects that could not be read as their kind
 */
record SettledInvariants(List<Violation> violations, List<String> undecodable) {

    static SettledInvariants check(KubernetesClient client, Duration settle) throws InterruptedException {
        long deadline = System.nanoTime() + settle.toNanos();
        while (true) {
            ClusterState state = new ClusterReader(client).read();
            List<Violation> found = InvariantChecker.check(state);
            if (found.stream().noneMatch(violation -> violation.kind().fails()) || System.nanoTime() > deadline) {
                return new SettledInvariants(found, state.undecodable());
            }
            Thread.sleep(2_000);
        }
    }

    boolean holds() {
        return violations.stream().noneMatch(violation -> violation.kind().fails());
    }
}

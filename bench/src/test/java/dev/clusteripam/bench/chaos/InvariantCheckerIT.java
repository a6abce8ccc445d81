package dev.clusteripam.bench.chaos;

import static dev.clusteripam.bench.chaos.PoisonObjects.generic;
import static dev.clusteripam.bench.chaos.PoisonObjects.handMade;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.api.ledger.LedgerGroup;
import dev.clusteripam.bench.chaos.Violation.Kind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The invariant checker as the suite runs it, reading a real API server on which each kind of
 * violation was written by hand (no provider runs): it finds every one, and nothing in the
 * namespace that holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvariantCheckerIT {

    private static final String IPAM = "ipam.cluster.x-k8s.io";

    private RestartableControlPlane plane;
    private KubernetesClient client;

    @BeforeAll
    void startControlPlane() throws Exception {
        Path repo = Path.of(System.getProperty("cluster-ipam.repo-root", "..")).toAbsolutePath().normalize();
        plane = RestartableControlPlane.start(repo, Files.createTempDirectory("invariant-checker-it-").resolve("control-plane"));
        client = plane.newClient();
    }

    @AfterAll
    void stopControlPlane() throws Exception {
        client.close();
        plane.close();
    }

    @Test
    void findsEveryKindOfViolationWrittenByHandAndNothingElse() {
        String ns = namespace("violations");
        client.resource(Pools.ipPool(ns, "pool", List.of("10.0.0.0/24"), 24)).create();
        client.resource(Pools.ipPool(ns, "overlapping", List.of("10.0.0.0/24"), 24)).create();
        served(ns, "fine", "pool", "10.0.0.2");
        served(ns, "twin-a", "pool", "10.0.0.3");
        served(ns, "twin-b", "pool", "10.0.0.3");
        served(ns, "outside", "pool", "192.168.0.2");
        served(ns, "missing-pool", "nonexistent", "10.0.0.4");
        address(ns, "orphan", "pool", "10.0.0.5", "gone");
        ledger(ns, "pool", "10.0.0.5", ns + "/orphan", "orphan");
        claim(ns, "ready-without-address", "pool", true, "ready-without-address");
        served(ns, "unentered", "pool", "10.0.0.6");
        client.genericKubernetesResources(LedgerGroup.NAME + "/v1alpha1", "IPAllocationBlock").withName(ns + "-unentered").delete();
        ledger(ns, "pool", "10.0.0.7", ns + "/crashed-before-its-ipaddress", "crashed");
        served(ns, "shared", "overlapping", "10.0.0.2");

        List<Violation> found = InvariantChecker.check(new ClusterReader(client).read()).stream()
                .filter(v -> v.toString().contains(ns + "/")).toList();

        assertThat(found).extracting(v -> v.kind() + " " + v.subject()).containsExactlyInAnyOrder(
                "DUPLICATE InClusterIPPool/" + ns + "/pool 10.0.0.3/24",
                "OUTSIDE_POOL IPAddress " + ns + "/outside",
                "OUTSIDE_POOL IPAddress " + ns + "/missing-pool",
                "ORPHAN_ADDRESS IPAddress " + ns + "/orphan",
                "READY_WITHOUT_ONE_ADDRESS claim " + ns + "/ready-without-address",
                "LEDGER_DISAGREES IPAddress " + ns + "/unentered",
                "LEDGER_EXTRA ledger entry InClusterIPPool/" + ns + "/pool 10.0.0.7",
                "SHARED_BY_OVERLAPPING_POOLS 10.0.0.2/24");
    }

    @Test
    void readsAHandMadePoisonObjectWithoutFailingAndLeavesItOut() {
        String ns = namespace("poison");
        client.resource(Pools.ipPool(ns, "pool", List.of("10.1.0.0/24"), 24)).create();
        GenericKubernetesResource poison = generic(IPAM + "/v1beta1", "IPAddress", ns, "poison", Map.of("address", "10.1.0.9",
                "prefix", 2_147_483_648L, "claimRef", Map.of("name", "nobody"), "poolRef", Map.of("apiGroup", IPAM, "kind", "InClusterIPPool",
                        "name", "pool")));
        client.resource(handMade(poison)).create();

        ClusterState state = new ClusterReader(client).read();

        assertThat(state.addresses()).filteredOn(a -> a.name().equals("poison")).singleElement()
                .satisfies(a -> assertThat(a.prefix()).isEqualTo(2_147_483_648L));
        assertThat(InvariantChecker.check(state)).noneMatch(v -> v.toString().contains(ns + "/"));
    }

    @Test
    void findsAPoolThatItsOwnModelCannotReadAndCountsItsAddressesAsOutside() throws Exception {
        String ns = namespace("unreadable");
        try (LoosenedCrd loosened = LoosenedCrd.loosen(client, "inclusterippools.ipam.cluster.x-k8s.io", "addressReuseGracePeriodSeconds")) {
            GenericKubernetesResource pool = generic(IPAM + "/v1alpha2", "InClusterIPPool", ns, "grace", Map.of("addresses",
                    List.of("10.2.0.0/24"), "prefix", 24, "addressReuseGracePeriodSeconds", 2_147_483_648L));
            createOnceTheLooseningIsInEffect(pool);
        }
        served(ns, "in-grace", "grace", "10.2.0.2");

        ClusterState state = new ClusterReader(client).read();

        assertThat(state.undecodable()).singleElement().asString().startsWith("InClusterIPPool/" + ns + "/grace: ");
        assertThat(InvariantChecker.check(state)).filteredOn(v -> v.toString().contains(ns + "/")).extracting(Violation::kind)
                .containsExactly(Kind.OUTSIDE_POOL);
    }

    /** The API server validates against the CRD it had for a moment after the update. */
    private void createOnceTheLooseningIsInEffect(GenericKubernetesResource object) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                client.resource(object).create();
                return;
            } catch (KubernetesClientException e) {
                if (attempt == 80) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    private String namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        return name;
    }

    /** A Ready claim with its IPAddress and ledger entry, as the provider would leave them. */
    private void served(String ns, String name, String pool, String address) {
        claim(ns, name, pool, true, name);
        address(ns, name, pool, address, name);
        ledger(ns, pool, address, ns + "/" + name, name);
    }

    private void claim(String ns, String name, String pool, boolean ready, String addressRef) {
        client.resource(Claims.claim(ns, name, Pools.IP_POOL, pool)).create();
        GenericKubernetesResource claim = client.genericKubernetesResources(IPAM + "/v1beta2", "IPAddressClaim").inNamespace(ns)
                .withName(name).get();
        claim.setAdditionalProperty("status", Map.of("addressRef", Map.of("name", addressRef), "conditions", List.of(Map.of(
                "type", "Ready", "status", ready ? "True" : "False", "reason", "Allocated", "message", "",
                "lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))));
        client.resource(claim).updateStatus();
    }

    private void address(String ns, String name, String pool, String address, String claim) {
        client.resource(generic(IPAM + "/v1beta2", "IPAddress", ns, name, Map.of("address", address, "prefix", 24,
                "claimRef", Map.of("name", claim), "poolRef", Map.of("apiGroup", IPAM, "kind", "InClusterIPPool", "name", pool)))).create();
    }

    /** A ledger block of its own per entry, named NS-BLOCK: the checker reads holders whatever block they are in. */
    private void ledger(String ns, String pool, String item, String holder, String block) {
        client.resource(generic(LedgerGroup.NAME + "/v1alpha1", "IPAllocationBlock", null, ns + "-" + block, Map.of(
                "poolKind", "InClusterIPPool", "poolNamespace", ns, "poolName", pool, "block", "0",
                "holders", Map.of(item, holder)))).create();
    }
}

package dev.clusteripam.app.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusteripam.api.capi.IPAddress;
import dev.clusteripam.api.capi.IPAddressClaimReference;
import dev.clusteripam.api.capi.IPAddressSpec;
import dev.clusteripam.api.capi.IPPoolReference;
import dev.clusteripam.api.ipam.IpamGroup;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPool;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSpec;
import dev.clusteripam.api.ipam.v1alpha2.InClusterIPPoolSubnet;
import dev.clusteripam.app.Main;
import dev.clusteripam.app.cli.ExitCode;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code inspect} against the real API server: pools and IPAddresses made on the server, the report
 * read back as text and JSON, and nothing written. Addresses from 198.18.7.0/24 and 198.18.9.0/29,
 * which no other test's pools use; the pools of one test share none with another's.
 */
@WithKubernetes
class InspectOnApiServerTest {

    @Test
    void reportsAPoolsCountsFreeRangesOverlapsAndTheHolderOfAnAddressWithoutWriting(KubernetesClient client, ControlPlane plane)
            throws Exception {
        String namespace = client.getNamespace();
        client.resource(pool(namespace, "lab", "198.18.7.1-198.18.7.10", List.of("198.18.7.8"))).create();
        client.resource(pool(namespace, "beside", "198.18.7.9-198.18.7.30", List.of())).create();
        client.resource(ipAddress(namespace, "lab-a", "198.18.7.2", "lab")).create();
        client.resource(ipAddress(namespace, "lab-b", "198.18.7.7", "lab")).create();
        client.resource(ipAddress(namespace, "beside-a", "198.18.7.9", "beside")).create();
        Map<String, String> versionsBefore = resourceVersions(client);

        Run text = inspect(plane, "lab", "-n", namespace, "--address", "198.18.7.7");
        Run json = inspect(plane, "lab", "-n", namespace, "--address", "198.18.7.8", "-o", "json");
        Run free = inspect(plane, "beside", "-n", namespace, "--kind", "InClusterIPPool", "--address", "198.18.7.10");

        assertThat(text.exitCode()).as(text.err()).isEqualTo(ExitCode.OK);
        // 198.18.7.1-198.18.7.10 with the gateway .1 and the excluded .8 left out.
        assertThat(text.out().lines()).containsExactly(
                "InClusterIPPool/" + namespace + "/lab: 8 total, 2 used, 6 free",
                "  free ranges: 198.18.7.3-198.18.7.6, 198.18.7.9-198.18.7.10",
                "  shares 198.18.7.9-198.18.7.10 with InClusterIPPool/" + namespace + "/beside",
                "  198.18.7.7 is held by IPAddress " + namespace + "/lab-b (claim " + namespace + "/claim-lab-b)");
        assertThat(json.exitCode()).as(json.err()).isEqualTo(ExitCode.OK);
        JsonNode pool = new ObjectMapper().readTree(json.out()).get("pools").get(0);
        assertThat(pool.get("name").asText()).isEqualTo("lab");
        assertThat(pool.get("total").asLong()).isEqualTo(8);
        assertThat(pool.get("used").asLong()).isEqualTo(2);
        assertThat(pool.get("free").asLong()).isEqualTo(6);
        assertThat(pool.get("overlaps").get(0).get("pool").asText()).isEqualTo("InClusterIPPool/" + namespace + "/beside");
        assertThat(pool.get("address").get("verdict").asText()).isEqualTo("excluded");
        assertThat(free.exitCode()).as(free.err()).isEqualTo(ExitCode.OK);
        assertThat(free.out()).contains("InClusterIPPool/" + namespace + "/beside: 22 total, 1 used, 21 free",
                "198.18.7.10 is free");
        assertThat(resourceVersions(client)).isEqualTo(versionsBefore);
        assertThat(client.v1().events().inNamespace(namespace).list().getItems()).isEmpty();
    }

    @Test
    void reportsEachSubnetOfAPoolWithSubnetsAndNamesTheSubnetOfAnAddress(KubernetesClient client, ControlPlane plane) throws Exception {
        String namespace = client.getNamespace();
        InClusterIPPool pool = pool(namespace, "subnets", "198.18.7.200-198.18.7.201", List.of());
        InClusterIPPoolSubnet second = new InClusterIPPoolSubnet(List.of("198.18.9.0/29"), 29);
        second.setGateway("198.18.9.1");
        pool.getSpec().setSubnets(List.of(second));
        client.resource(pool).create();
        client.resource(ipAddress(namespace, "first", "198.18.7.200", "subnets")).create();
        client.resource(ipAddress(namespace, "second", "198.18.9.3", "subnets")).create();

        Run text = inspect(plane, "subnets", "-n", namespace, "--address", "198.18.9.3");
        Run json = inspect(plane, "subnets", "-n", namespace, "--address", "198.18.9.4", "-o", "json");

        assertThat(text.exitCode()).as(text.err()).isEqualTo(ExitCode.OK);
        // 198.18.9.0/29 without .0 and .7 (reserved) and the gateway .1: .2-.6.
        assertThat(text.out().lines()).containsExactly(
                "InClusterIPPool/" + namespace + "/subnets: 7 total, 2 used, 5 free",
                "  free ranges: 198.18.7.201, 198.18.9.2, 198.18.9.4-198.18.9.6",
                "  subnet spec 198.18.7.0/24 via 198.18.7.1: 2 total, 1 used, 1 free; free ranges: 198.18.7.201",
                "  subnet spec.subnets[0] 198.18.9.0/29 via 198.18.9.1: 5 total, 1 used, 4 free; free ranges: 198.18.9.2, 198.18.9.4-198.18.9.6",
                "  198.18.9.3 in spec.subnets[0] (198.18.9.0/29) is held by IPAddress " + namespace + "/second (claim "
                        + namespace + "/claim-second)");
        JsonNode report = new ObjectMapper().readTree(json.out()).get("pools").get(0);
        assertThat(report.get("subnets")).hasSize(2);
        assertThat(report.get("subnets").get(1).get("network").asText()).isEqualTo("198.18.9.0/29");
        assertThat(report.get("subnets").get(1).get("used").asLong()).isEqualTo(1);
        assertThat(report.get("address").get("verdict").asText()).isEqualTo("free");
        assertThat(report.get("address").get("subnet").asText()).isEqualTo("spec.subnets[0] (198.18.9.0/29)");
    }

    @Test
    void aPoolThatIsNotThereIsABadCommandLine(KubernetesClient client, ControlPlane plane) {
        Run run = inspect(plane, "nowhere", "-n", client.getNamespace());

        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).contains("no pool named nowhere in namespace " + client.getNamespace());
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run inspect(ControlPlane plane, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = Stream.concat(Stream.of("inspect", "--kubeconfig", plane.kubeconfig().toString()), Stream.of(args))
                .toArray(String[]::new);
        return new Run(commandLine.execute(all), out.toString(), err.toString());
    }

    /** Every pool and IPAddress of the test's namespace, by kind and name: a write would change one. */
    private static Map<String, String> resourceVersions(KubernetesClient client) {
        Map<String, String> versions = new TreeMap<>();
        Stream.<HasMetadata>concat(client.resources(InClusterIPPool.class).list().getItems().stream(),
                        client.resources(IPAddress.class).list().getItems().stream())
                .forEach(object -> versions.put(object.getKind() + "/" + object.getMetadata().getName(),
                        object.getMetadata().getResourceVersion()));
        assertThat(versions).hasSize(5);
        return versions;
    }

    private static InClusterIPPool pool(String namespace, String name, String addresses, List<String> excluded) {
        InClusterIPPool pool = new InClusterIPPool();
        pool.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        InClusterIPPoolSpec spec = new InClusterIPPoolSpec(List.of(addresses), 24);
        spec.setGateway("198.18.7.1");
        spec.setExcludedAddresses(excluded);
        pool.setSpec(spec);
        return pool;
    }

    private static IPAddress ipAddress(String namespace, String name, String address, String pool) {
        IPAddress ip = new IPAddress();
        ip.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        IPAddressSpec spec = new IPAddressSpec();
        spec.setAddress(address);
        spec.setPrefix(24);
        spec.setGateway("198.18.7.1");
        spec.setClaimRef(new IPAddressClaimReference("claim-" + name));
        spec.setPoolRef(new IPPoolReference(IpamGroup.NAME, "InClusterIPPool", pool));
        ip.setSpec(spec);
        return ip;
    }
}

package dev.clusteripam.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.clusteripam.app.cli.Cli.Run;
import dev.clusteripam.testing.kube.ControlPlane;
import dev.clusteripam.testing.kube.WithKubernetes;
import dev.clusteripam.webhook.testing.RunningWebhook;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cluster-ipam validate} accepts exactly what admission (the CRD's schema and CEL rules, our
 * mutating and validating webhooks) accepts, and names a field when it refuses. Each manifest of
 * the corpus (upstream's own webhook test cases, and the edges of issues 12 and 13) goes through
 * both, and the two must agree.
 */
@WithKubernetes
class ValidateAgreesWithAdmissionOnApiServerTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    static Path directory;

    private static RunningWebhook webhook;

    /** The committed CRDs (a reused control plane may hold older ones), and our webhooks as upstream registers its own. */
    @BeforeAll
    static void startAdmission(ControlPlane plane) throws Exception {
        try (Stream<Path> crds = Files.list(RepositoryRoot.path().resolve("config/crd/bases"))) {
            plane.applyCrds(crds.sorted().toArray(Path[]::new));
        }
        webhook = RunningWebhook.start(plane);
        webhook.registerAdmission();
    }

    @AfterAll
    static void stopAdmission() {
        webhook.close();
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                // upstream's webhook tests, valid
                ip("upstream: addresses with gateway and prefix", "addresses: [10.0.0.25, 10.0.0.26, 10.0.0.27]\nprefix: 28\ngateway: 10.0.0.24"),
                ip("upstream: addresses with prefix and excluded addresses",
                        "addresses: [10.0.0.25, 10.0.0.26, 10.0.0.27]\nprefix: 28\nexcludedAddresses: [10.0.0.23, 10.0.0.24]"),
                ip("upstream: IPv6 addresses with gateway and prefix",
                        "addresses: [fe01::2, fe01::3-fe01::5, fe01::1:1/126]\nprefix: 28\ngateway: fe01::1"),
                ip("upstream: addresses with grace period", "addresses: [10.0.0.25]\nprefix: 28\naddressReuseGracePeriodSeconds: 30"),
                ip("upstream: prefix 0", "addresses: [10.0.0.10-10.0.0.20]\nprefix: 0\ngateway: 10.0.0.1"),
                // upstream's webhook tests, invalid
                ip("upstream: addresses must be set", "addresses: []\nprefix: 24\ngateway: 10.0.0.1"),
                ip("upstream: invalid gateway", "addresses: [10.0.0.25]\nprefix: 24\ngateway: invalid"),
                ip("upstream: separate subnets", "addresses: [10.0.0.25, 10.0.0.26, 10.0.1.27]\nprefix: 24"),
                ip("upstream: an address that is invalid", "addresses: [10.0.0.25, garbage]\nprefix: 24"),
                ip("upstream: negative prefix", "addresses: [10.0.0.25]\nprefix: -1"),
                ip("upstream: prefix 9999", "addresses: [10.0.0.25]\nprefix: 9999"),
                ip("upstream: range out of order", "addresses: [10.0.0.10-10.0.0.5]\nprefix: 24"),
                ip("upstream: CIDR with invalid prefix", "addresses: [10.0.0.10/33]\nprefix: 24"),
                ip("upstream: range start below prefix", "addresses: [10.0.1.0, 10.0.0.20-10.0.1.20]\nprefix: 24"),
                ip("upstream: CIDR start below prefix", "addresses: [10.0.1.0, 10.0.0.0/23]\nprefix: 24"),
                ip("upstream: IPv4 addresses, IPv6 gateway", "addresses: [10.0.1.0, 10.0.0.2-10.0.0.250]\nprefix: 24\ngateway: fd00::1"),
                ip("upstream: mixed families", "addresses: [fd00::1, 10.0.1.0]\nprefix: 24"),
                ip("upstream: mixed excluded families", "addresses: [10.0.1.0]\nprefix: 24\nexcludedAddresses: [fd00::1, 10.0.0.4]"),
                ip("upstream: negative grace period", "addresses: [10.0.0.10-10.0.0.20]\nprefix: 24\naddressReuseGracePeriodSeconds: -1"),
                prefix("upstream: prefixes required", "prefixes: []"),
                prefix("upstream: CIDR only", "prefixes: [fd00::1]"),
                prefix("upstream: network-aligned", "prefixes: [fd00::1/64]"),
                prefix("upstream: length at most allocationPrefixLength", "prefixes: [fd00::/65]"),
                prefix("upstream: IPv4 prefixes refused", "prefixes: [10.0.0.0/24]"),
                prefix("upstream: IPv6 gateway", "prefixes: [fd00::/64]\ngateway: 10.0.0.1"),
                prefix("upstream: IPv6 exclusions", "prefixes: [fd00::/64]\nexcludedPrefixes: [10.0.0.1]"),
                prefix("upstream: disjoint prefixes", "prefixes: [fd00::/64, fd01::/64]"),
                prefix("upstream: length 56", "prefixes: [fd00::/48]\nallocationPrefixLength: 56"),
                prefix("upstream: length 128 with a gateway inside", "prefixes: [fd40::/64]\nallocationPrefixLength: 128\ngateway: fd40::1"),
                // issues 12 and 13, and the schema's edges
                ip("no prefix", "addresses: [10.0.0.0/24]"),
                ip("prefix 0, IPv6", "addresses: ['::/0']\nprefix: 0"),
                ip("prefix 33, IPv4", "addresses: [10.0.0.0/24]\nprefix: 33"),
                ip("prefix 129", "addresses: [fd00::/64]\nprefix: 129"),
                ip("prefix as text", "addresses: [10.0.0.0/24]\nprefix: '24'"),
                ip("ten.zero", "addresses: [ten.zero]\nprefix: 24"),
                ip("a leading zero", "addresses: [010.0.0.1]\nprefix: 24"),
                ip("spaces around a range", "addresses: [10.0.0.1 - 10.0.0.5]\nprefix: 24"),
                ip("an IPv6 zone", "addresses: ['fe80::1%eth0']\nprefix: 64"),
                ip("an excluded garbage entry", "addresses: [10.0.0.0/24]\nprefix: 24\nexcludedAddresses: [nope]"),
                ip("a CIDR entry not network-aligned", "addresses: [10.0.0.5/24]\nprefix: 24"),
                ip("IPv4-mapped IPv6 entries", "addresses: ['::ffff:10.0.0.0/120', '::ffff:10.0.1.5']\nprefix: 96"),
                ip("an IPv4-mapped entry that is no address", "addresses: ['::ffff:10.0.0.300']\nprefix: 96"),
                ip("the unspecified address", "addresses: [0.0.0.0-0.0.0.9]\nprefix: 24\nallocateReservedIPAddresses: true"),
                ip("counts that saturate", "addresses: ['fd00::/56']\nprefix: 56"),
                ip("a /32 with nothing to hand out", "addresses: [10.0.0.7]\nprefix: 32"),
                ip("an empty gateway", "addresses: [10.0.0.0/24]\nprefix: 24\ngateway: ''"),
                ip("an off-link gateway", "addresses: [10.0.0.0/24]\nprefix: 24\ngateway: 192.168.0.1"),
                ip("a gateway with a zone", "addresses: ['fe80::/64']\nprefix: 64\ngateway: 'fe80::1%eth0'"),
                ip("the largest int32 grace period", "addresses: [10.0.0.0/24]\nprefix: 24\naddressReuseGracePeriodSeconds: 2147483647"),
                ip("a grace period beyond int32", "addresses: [10.0.0.0/24]\nprefix: 24\naddressReuseGracePeriodSeconds: 2147483648"),
                ip("a megabyte entry", "addresses: [10.0.0.0/24, '" + "1".repeat(1 << 20) + "']\nprefix: 24"),
                ip("the longest entry", "addresses: ['0000:0000:0000:0000:0000:ffff:255.255.255.250-0000:0000:0000:0000:0000:ffff:255.255.255.255']\nprefix: 96"),
                ip("as many entries as the schema allows", "addresses: [" + entries(10_000) + "]\nprefix: 0"),
                ip("one entry too many", "addresses: [" + entries(10_001) + "]\nprefix: 0"),
                global("a global pool", "addresses: [10.0.0.0/24]\nprefix: 24"),
                global("a global pool outside its prefix", "addresses: [10.1.0.0/24, 10.2.0.5]\nprefix: 24"),
                prefix("an explicit length 0 (defaulted to 64 by the mutating webhook)", "prefixes: [fd00::/48]\nallocationPrefixLength: 0"),
                prefix("length 129", "prefixes: [fd00::/48]\nallocationPrefixLength: 129"),
                prefix("a garbage exclusion", "prefixes: [fd00::/48]\nexcludedPrefixes: [nope]"),
                prefix("an unaligned exclusion", "prefixes: [fd00::/48]\nexcludedPrefixes: ['fd00::5/120']"),
                prefix("no length", "prefixes: [fd00::/48]"),
                globalPrefix("a global prefix pool", "prefixes: [fd01::/56]\nallocationPrefixLength: 64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void validateAgreesWithAdmission(String scenario, String kind, String spec, KubernetesClient client) throws Exception {
        String name = "pool-" + Integer.toHexString(scenario.hashCode() & 0x7fffffff) + "-" + webhook.label();
        String manifest = Workspace.manifest(kind, name, spec);
        Path file = new Workspace(directory).file(name + ".yaml", manifest);

        Run validate = Cli.run("validate", file);
        Optional<KubernetesClientException> refusal = admit(client, kind, manifest);

        String validateOutput = validate.out() + validate.err();
        if (refusal.isEmpty()) {
            assertThat(validate.exitCode()).as("admission accepted it; validate said:\n%s", validateOutput).isZero();
        } else {
            List<String> fields = refusal.get().getStatus().getDetails().getCauses().stream()
                    .map(StatusCause::getField).collect(Collectors.toList());
            assertThat(validate.exitCode()).as("admission refused it (%s); validate said:\n%s",
                    refusal.get().getMessage(), validateOutput).isNotZero();
            assertThat(fields).as("admission named no field: %s", refusal.get().getMessage()).isNotEmpty();
            assertThat(fields).as("validate names a field admission names; validate said:\n%s", validateOutput)
                    .anySatisfy(field -> assertThat(validateOutput).contains(field + ":"));
        }
    }

    /** Creates the manifest's object through admission; the refusal, or empty when it was stored. */
    private static Optional<KubernetesClientException> admit(KubernetesClient client, String kind, String manifest)
            throws Exception {
        GenericKubernetesResource pool = webhook.labeled(JsonMapper.builder().build()
                .convertValue(YAML.readTree(manifest), GenericKubernetesResource.class));
        boolean namespaced = kind.startsWith("InCluster");
        if (namespaced) {
            pool.getMetadata().setNamespace(client.getNamespace());
        }
        try {
            client.resource(pool).create();
            if (!namespaced) {
                client.resource(pool).delete();
            }
            return Optional.empty();
        } catch (KubernetesClientException e) {
            return Optional.of(e);
        }
    }

    private static String entries(int count) {
        return IntStream.range(0, count).mapToObj(i -> "'fd00::" + Integer.toHexString(i) + "'").collect(Collectors.joining(", "));
    }

    private static Arguments ip(String scenario, String spec) {
        return Arguments.of(scenario, "InClusterIPPool", spec);
    }

    private static Arguments global(String scenario, String spec) {
        return Arguments.of(scenario, "GlobalInClusterIPPool", spec);
    }

    private static Arguments prefix(String scenario, String spec) {
        return Arguments.of(scenario, "InClusterPrefixPool", spec);
    }

    private static Arguments globalPrefix(String scenario, String spec) {
        return Arguments.of(scenario, "GlobalInClusterPrefixPool", spec);
    }
}

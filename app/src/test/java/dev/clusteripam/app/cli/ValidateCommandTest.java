package dev.clusteripam.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.app.cli.Cli.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path directory;

    Workspace workspace;

    @BeforeEach
    void setUp() {
        workspace = new Workspace(directory);
    }

    @Nested
    class ValidPools {

        @Test
        void validPoolGetsOneLine() {
            Path pool = workspace.ipPool("ipv4", """
                    addresses: [10.0.0.0/24]
                    prefix: 24
                    gateway: 10.0.0.1
                    """);

            Run run = Cli.run("validate", pool);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly(pool + ": InClusterIPPool/ipv4: valid");
            assertThat(run.err()).isEmpty();
        }

        @Test
        void poolsThatShareAddressesAreValidAndReportedWithTheSharedRanges() {
            Path first = workspace.ipPool("first", """
                    addresses: [10.0.0.10-10.0.0.20]
                    prefix: 24
                    """);
            Path second = workspace.ipPool("second", """
                    addresses: [10.0.0.15-10.0.0.30, 10.0.1.0/24]
                    prefix: 23
                    """);
            Path apart = workspace.ipPool("apart", """
                    addresses: [10.0.2.0-10.0.2.9]
                    prefix: 24
                    """);

            Run run = Cli.run("validate", first, second, apart);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly(
                    first + ": InClusterIPPool/first: valid",
                    second + ": InClusterIPPool/second: valid",
                    apart + ": InClusterIPPool/apart: valid",
                    first + ": InClusterIPPool/first: warning: shares addresses 10.0.0.15-10.0.0.20 with " + second + ": InClusterIPPool/second",
                    second + ": InClusterIPPool/second: warning: shares addresses 10.0.0.15-10.0.0.20 with " + first + ": InClusterIPPool/first");
        }

        @Test
        void prefixZeroIsValidAndAMissingPrefixIsNamed() {
            Path whole = workspace.ipPool("whole", "addresses: [10.0.0.0/8]\nprefix: 0\n");
            Path missing = workspace.ipPool("missing", "addresses: [10.0.0.0/8]\n");

            Run wholeRun = Cli.run("validate", whole);
            Run missingRun = Cli.run("validate", missing);

            assertThat(wholeRun.exitCode()).isZero();
            assertThat(wholeRun.outLines()).contains(whole + ": InClusterIPPool/whole: valid");
            assertThat(missingRun.exitCode()).isNotZero();
            assertThat(missingRun.err()).contains("spec.prefix: required, but missing");
        }

        @Test
        void everyPoolKindIsChecked() {
            Path file = workspace.file("all-kinds.yaml", String.join("---\n",
                    Workspace.manifest("InClusterIPPool", "a", "addresses: [10.0.0.0/24]\nprefix: 24\n"),
                    Workspace.manifest("GlobalInClusterIPPool", "b", "addresses: [fd00::/120]\nprefix: 120\n"),
                    Workspace.manifest("InClusterPrefixPool", "c", "prefixes: [fd02::/48]\n"),
                    Workspace.manifest("GlobalInClusterPrefixPool", "d", "prefixes: [fd01::/56]\nallocationPrefixLength: 64\n")));

            Run run = Cli.run("validate", file);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly(
                    file + ": InClusterIPPool/a: valid",
                    file + ": GlobalInClusterIPPool/b: valid",
                    file + ": InClusterPrefixPool/c: valid",
                    file + ": GlobalInClusterPrefixPool/d: valid");
        }

        @Test
        void offLinkGatewayIsAcceptedWithAWarning() {
            Path pool = workspace.ipPool("off-link", """
                    addresses: [10.0.0.0/24]
                    prefix: 24
                    gateway: 192.168.1.1
                    """);

            Run run = Cli.run("validate", pool);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly(
                    pool + ": InClusterIPPool/off-link: warning: spec.gateway 192.168.1.1 lies outside the pool's network 10.0.0.0/24; accepted as an off-link gateway",
                    pool + ": InClusterIPPool/off-link: valid");
        }

        @Test
        void unknownSpecFieldIsAcceptedWithAWarning() {
            Path pool = workspace.ipPool("typo", """
                    addresses: [10.0.0.0/24]
                    prefix: 24
                    excludeAddresses: [10.0.0.5]
                    """);

            Run run = Cli.run("validate", pool);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly(
                    pool + ": InClusterIPPool/typo: warning: unknown field \"spec.excludeAddresses\"",
                    pool + ": InClusterIPPool/typo: valid");
        }

        @Test
        void everyExamplePoolIsValid() throws IOException {
            List<Path> examples;
            try (Stream<Path> files = Files.list(RepositoryRoot.path().resolve("examples/pools"))) {
                examples = files.sorted().toList();
            }

            Run run = Cli.run(Stream.concat(Stream.of("validate"), examples.stream()).toArray());

            assertThat(examples).isNotEmpty();
            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).hasSize(examples.size()).allMatch(line -> line.endsWith(": valid"));
        }
    }

    @Nested
    class InvalidPools {

        @Test
        void errorNamesFieldPathAndValue() {
            Path pool = workspace.ipPool("wide", """
                    addresses: [10.0.0.0/24]
                    prefix: 33
                    """);

            Run run = Cli.run("validate", pool);

            assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
            assertThat(run.outLines()).containsExactly(
                    pool + ": InClusterIPPool/wide: spec.prefix: Invalid value: \"33\": must be at most 32 for an IPv4 pool");
        }

        @Test
        void aPreAllocationOfTheGatewayIsRefusedAsAdmissionRefusesIt() {
            Path pool = workspace.ipPool("kept", """
                    addresses: [10.0.0.0/24]
                    prefix: 24
                    gateway: 10.0.0.1
                    preAllocations: {vip: 10.0.0.1, lb: 10.0.0.20}
                    """);

            Run run = Cli.run("validate", pool);

            assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
            assertThat(run.outLines()).containsExactly(
                    pool + ": InClusterIPPool/kept: spec.preAllocations[vip]: Invalid value: \"10.0.0.1\": is the gateway");
        }

        @Test
        void everyErrorOfAPoolIsReported() {
            Path pool = workspace.ipPool("broken", """
                    addresses: [10.0.0.0/24, 10.0.1.9-10.0.1.1]
                    prefix: 24
                    gateway: fd00::1
                    addressReuseGracePeriodSeconds: -5
                    """);

            Run run = Cli.run("validate", pool);

            assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
            assertThat(run.outLines()).extracting(line -> line.substring(line.indexOf("spec.")))
                    .anyMatch(line -> line.startsWith("spec.addresses[1]: Invalid value: \"10.0.1.9-10.0.1.1\""))
                    .anyMatch(line -> line.startsWith("spec.gateway: Invalid value: \"fd00::1\""))
                    .anyMatch(line -> line.startsWith("spec.addressReuseGracePeriodSeconds: Invalid value: \"-5\""));
        }

        @Test
        void ipv4PrefixPoolIsRefused() {
            Path pool = workspace.prefixPool("v4", "prefixes: [10.0.0.0/16]\n");

            Run run = Cli.run("validate", pool);

            assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
            assertThat(run.outLines()).singleElement().asString()
                    .startsWith(pool + ": InClusterPrefixPool/v4: spec.prefixes[0]: Invalid value: \"10.0.0.0/16\"");
        }

        @Test
        void theInvalidExampleIsRefusedForLyingOutsideThePrefix() {
            Path example = RepositoryRoot.path().resolve("examples/invalid/outside-prefix.yaml");

            Run run = Cli.run("validate", example);

            assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
            assertThat(run.outLines()).singleElement().asString()
                    .contains("InClusterIPPool/outside-prefix: spec.addresses[1]: Invalid value: \"10.2.0.5\": lies outside 10.1.0.0/24");
        }

        @Test
        void aGlobalPoolsNamespaceSelectorIsCheckedAsAdmissionChecksIt() {
            Path file = workspace.file("selectors.yaml", String.join("---\n",
                    Workspace.manifest("GlobalInClusterIPPool", "good", """
                            addresses: [10.0.0.0/24]
                            prefix: 24
                            namespaceSelector:
                              matchLabels: {team: blue}
                              matchExpressions:
                              - {key: example.com/tier, operator: NotIn, values: [dev]}
                            """),
                    Workspace.manifest("GlobalInClusterPrefixPool", "bad", """
                            prefixes: [fd00::/48]
                            namespaceSelector:
                              matchExpressions:
                              - {key: team, operator: Equals, values: [blue]}
                              - {key: tier, operator: Exists, values: [prod]}
                            """),
                    Workspace.manifest("InClusterIPPool", "namespaced", """
                            addresses: [10.0.1.0/24]
                            prefix: 24
                            namespaceSelector: {matchLabels: {team: blue}}
                            """)));

            Run run = Cli.run("validate", file);

            assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
            assertThat(run.outLines()).containsExactly(
                    file + ": GlobalInClusterIPPool/good: valid",
                    file + ": GlobalInClusterPrefixPool/bad: spec.namespaceSelector.matchExpressions[0].operator: Invalid"
                            + " value: \"Equals\": is not a valid selector operator: must be In, NotIn, Exists or DoesNotExist",
                    file + ": GlobalInClusterPrefixPool/bad: spec.namespaceSelector.matchExpressions[1].values: Invalid"
                            + " value: \"prod\": must be empty when operator is Exists",
                    file + ": InClusterIPPool/namespaced: warning: unknown field \"spec.namespaceSelector\"",
                    file + ": InClusterIPPool/namespaced: valid");
        }

        @Test
        void oneInvalidPoolMakesTheWholeRunInvalid() {
            Path good = workspace.ipPool("good", "addresses: [10.0.0.0/24]\nprefix: 24\n");
            Path bad = workspace.ipPool("bad", "addresses: []\nprefix: 24\n");

            Run run = Cli.run("validate", good, bad);

            assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
            assertThat(run.outLines()).containsExactly(
                    good + ": InClusterIPPool/good: valid",
                    bad + ": InClusterIPPool/bad: spec.addresses: Invalid value: \"[]\": must list at least one address, range or CIDR");
        }
    }

    @Nested
    class OtherDocuments {

        @Test
        void documentsOfOtherKindsAreSkippedWithANote() {
            Path file = workspace.file("mixed.yaml", """
                    apiVersion: ipam.cluster.x-k8s.io/v1beta2
                    kind: IPAddressClaim
                    metadata:
                      name: machine-a
                    spec:
                      poolRef: {apiGroup: ipam.cluster.x-k8s.io, kind: InClusterIPPool, name: pool}
                    ---
                    """ + Workspace.manifest("InClusterIPPool", "pool", "addresses: [10.0.0.0/24]\nprefix: 24\n"));

            Run run = Cli.run("validate", file);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly(
                    file + ": IPAddressClaim/machine-a: skipped, not an ipam.cluster.x-k8s.io/v1alpha2 pool",
                    file + ": InClusterIPPool/pool: valid");
        }

        @Test
        void poolOfAnotherApiVersionIsSkipped() {
            Path file = workspace.file("old.yaml", """
                    apiVersion: ipam.cluster.x-k8s.io/v1alpha1
                    kind: InClusterIPPool
                    metadata:
                      name: legacy
                    spec:
                      subnet: 10.0.0.0/24
                    """);

            Run run = Cli.run("validate", file);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly(file + ": InClusterIPPool/legacy: skipped, not an ipam.cluster.x-k8s.io/v1alpha2 pool");
        }

        @Test
        void emptyDocumentsAreLeftOut() {
            Path file = workspace.file("sparse.yaml", "---\n# nothing here\n---\n"
                    + Workspace.manifest("InClusterIPPool", "pool", "addresses: [10.0.0.0/24]\nprefix: 24\n") + "---\n");

            Run run = Cli.run("validate", file);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly(file + ": InClusterIPPool/pool: valid");
        }
    }

    @Nested
    class UnreadableInput {

        @Test
        void missingFile() {
            Path file = workspace.missing("nowhere.yaml");

            Run run = Cli.run("validate", file);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.errLines()).containsExactly(file + ": no such file");
        }

        @Test
        void yamlSyntaxErrorNamesTheLine() {
            Path file = workspace.file("broken.yaml", """
                    apiVersion: ipam.cluster.x-k8s.io/v1alpha2
                    kind: InClusterIPPool
                    metadata:
                      name: pool
                    spec:
                      addresses: [10.0.0.0/24
                      prefix: 24
                    """);

            Run run = Cli.run("validate", file);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.errLines()).singleElement().asString().startsWith(file + ": not valid YAML at line 7, column 9: ");
        }

        @Test
        void keyWrittenTwice() {
            Path pool = workspace.ipPool("twice", """
                    addresses: [10.0.0.0/24]
                    prefix: 24
                    prefix: 25
                    """);

            Run run = Cli.run("validate", pool);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.errLines()).singleElement().asString().contains("Duplicate field 'prefix'");
        }

        @Test
        void documentThatIsNotAMapping() {
            Path file = workspace.file("list.yaml", "- 10.0.0.0/24\n- 10.0.1.0/24\n");

            Run run = Cli.run("validate", file);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.errLines()).containsExactly(file + ": document 1: expected a Kubernetes object (a mapping), got a list");
        }

        @Test
        void documentWithoutKind() {
            Path file = workspace.file("values.yaml", "replicas: 2\n");

            Run run = Cli.run("validate", file);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.errLines()).containsExactly(file + ": document 1: kind: required, but missing");
        }

        @Test
        void prefixThatIsNotANumberNamesTheField() {
            Path pool = workspace.ipPool("typo", """
                    addresses: [10.0.0.0/24]
                    prefix: "abc"
                    """);

            Run run = Cli.run("validate", pool);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.errLines()).containsExactly(
                    pool + ": InClusterIPPool/typo: spec.prefix: expected a 32-bit integer, got string \"abc\"");
        }

        @Test
        void addressesWrittenAsOneStringNamesTheField() {
            Path pool = workspace.ipPool("scalar", """
                    addresses: 10.0.0.0/24
                    prefix: 24
                    """);

            Run run = Cli.run("validate", pool);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.errLines()).containsExactly(
                    pool + ": InClusterIPPool/scalar: spec.addresses: expected a list of strings, got string \"10.0.0.0/24\"");
        }

        @Test
        void quotedBooleanNamesTheField() {
            Path pool = workspace.ipPool("quoted", """
                    addresses: [10.0.0.0/24]
                    prefix: 24
                    allocateReservedIPAddresses: "true"
                    """);

            Run run = Cli.run("validate", pool);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.errLines()).containsExactly(
                    pool + ": InClusterIPPool/quoted: spec.allocateReservedIPAddresses: expected true or false, got string \"true\"");
        }

        @Test
        void unreadableDocumentDoesNotHideTheOthers() {
            Path file = workspace.file("mixed.yaml",
                    Workspace.manifest("InClusterIPPool", "bad-type", "addresses: [10.0.0.0/24]\nprefix: [24]\n")
                            + "---\n"
                            + Workspace.manifest("InClusterIPPool", "invalid", "addresses: [10.0.0.0/24]\nprefix: 40\n")
                            + "---\n"
                            + Workspace.manifest("InClusterIPPool", "good", "addresses: [10.0.0.0/24]\nprefix: 24\n"));

            Run run = Cli.run("validate", file);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.errLines()).containsExactly(file + ": InClusterIPPool/bad-type: spec.prefix: expected a 32-bit integer, got a list");
            assertThat(run.outLines()).containsExactly(
                    file + ": InClusterIPPool/invalid: spec.prefix: Invalid value: \"40\": must be at most 32 for an IPv4 pool",
                    file + ": InClusterIPPool/good: valid");
        }
    }
}

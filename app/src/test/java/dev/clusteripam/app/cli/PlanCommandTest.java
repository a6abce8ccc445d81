package dev.clusteripam.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.app.cli.Cli.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

    @TempDir
    Path directory;

    Workspace workspace;

    @BeforeEach
    void setUp() {
        workspace = new Workspace(directory);
    }

    @Nested
    class Subnets {

        private Path pool() {
            return workspace.ipPool("subnets", """
                    addresses: [10.0.0.2-10.0.0.3]
                    prefix: 24
                    gateway: 10.0.0.1
                    subnets:
                      - addresses: [192.168.5.10]
                        prefix: 16
                        gateway: 192.168.0.1
                      - addresses: [10.0.9.0/29]
                        prefix: 29
                        excludedAddresses: [10.0.9.2]
                    """);
        }

        @Test
        void theSubnetsAreFilledInOrderEachAddressWithItsSubnetNetworkAndGateway() {
            Run run = Cli.run("plan", pool(), "--claims", 6);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly(
                    "10.0.0.2 spec 10.0.0.0/24 via 10.0.0.1",
                    "10.0.0.3 spec 10.0.0.0/24 via 10.0.0.1",
                    "192.168.5.10 spec.subnets[0] 192.168.0.0/16 via 192.168.0.1",
                    "10.0.9.1 spec.subnets[1] 10.0.9.0/29",
                    "10.0.9.3 spec.subnets[1] 10.0.9.0/29",
                    "10.0.9.4 spec.subnets[1] 10.0.9.0/29");
            assertThat(run.err()).isEmpty();
        }

        @Test
        void asJsonEachAddressIsAnObjectWithItsSubnetPrefixAndGateway() {
            Run run = Cli.run("plan", pool(), "--claims", 4, "--allocated", workspace.file("in-use.txt", "10.0.0.3\n"), "-o", "json");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out().strip()).isEqualTo("[{\"address\":\"10.0.0.2\",\"subnet\":\"spec\",\"prefix\":24,\"gateway\":\"10.0.0.1\"},"
                    + "{\"address\":\"192.168.5.10\",\"subnet\":\"spec.subnets[0]\",\"prefix\":16,\"gateway\":\"192.168.0.1\"},"
                    + "{\"address\":\"10.0.9.1\",\"subnet\":\"spec.subnets[1]\",\"prefix\":29},"
                    + "{\"address\":\"10.0.9.3\",\"subnet\":\"spec.subnets[1]\",\"prefix\":29}]");
        }

        @Test
        void aSubnetsErrorNamesTheSubnetAndAMisspeltFieldIsWarnedAbout() {
            Path pool = workspace.ipPool("bad-subnet", """
                    addresses: [10.0.0.0/24]
                    prefix: 24
                    subnets:
                      - addresses: [10.0.0.128/25]
                        prefix: 24
                        gatway: 10.0.0.1
                    """);

            Run run = Cli.run("plan", pool, "--claims", 1);

            assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
            assertThat(run.err()).contains("spec.subnets[0].addresses[0]: Invalid value: \"10.0.0.128/25\": overlaps spec.addresses")
                    .contains("spec.subnets[0].gatway");
        }
    }

    /** The reference scenarios of SPEC.md section 5, in its order. */
    @Nested
    class ReferenceScenarios {

        @Test
        void ipv4PoolSkipsNetworkAddressAndGateway() {
            Path pool = workspace.ipPool("ipv4", """
                    addresses: [10.0.0.0/24]
                    prefix: 24
                    gateway: 10.0.0.1
                    """);

            Run run = Cli.run("plan", pool, "--claims", 3);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly("10.0.0.2", "10.0.0.3", "10.0.0.4");
            assertThat(run.err()).isEmpty();
        }

        @Test
        void allocatingReservedAddressesHandsOutTheNetworkAddressButNeverTheGateway() {
            Path pool = workspace.ipPool("reserved", """
                    addresses: [10.0.0.0/24]
                    prefix: 24
                    gateway: 10.0.0.1
                    allocateReservedIPAddresses: true
                    """);

            Run run = Cli.run("plan", pool, "--claims", 2);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly("10.0.0.0", "10.0.0.2");
        }

        @Test
        void rangePoolRunsOutAtTheFourthClaim() {
            Path pool = workspace.ipPool("range", """
                    addresses: [10.0.0.10-10.0.0.12]
                    prefix: 24
                    """);

            Run run = Cli.run("plan", pool, "--claims", 4);

            assertThat(run.exitCode()).isEqualTo(ExitCode.EXHAUSTED);
            assertThat(run.outLines()).containsExactly("10.0.0.10", "10.0.0.11", "10.0.0.12", "exhausted");
        }

        @Test
        void excludedAddressesAndTheBroadcastAddressAreNeverHandedOut() {
            Path pool = workspace.ipPool("excluded", """
                    addresses: [10.0.0.0/29]
                    prefix: 29
                    excludedAddresses: [10.0.0.1-10.0.0.3]
                    """);

            Run run = Cli.run("plan", pool, "--claims", 4);

            assertThat(run.exitCode()).isEqualTo(ExitCode.EXHAUSTED);
            assertThat(run.outLines()).containsExactly("10.0.0.4", "10.0.0.5", "10.0.0.6", "exhausted");
        }

        @Test
        void ipv6PoolSkipsSubnetRouterAnycastAddressAndGateway() {
            Path pool = workspace.ipPool("ipv6", """
                    addresses: [fd00::/120]
                    prefix: 120
                    gateway: fd00::1
                    """);

            Run run = Cli.run("plan", pool, "--claims", 2);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly("fd00::2", "fd00::3");
        }

        @Test
        void ipv6PoolWithoutGatewayStartsRightAfterTheAnycastAddress() {
            Path pool = workspace.ipPool("ipv6", """
                    addresses: [fd00::/120]
                    prefix: 120
                    """);

            Run run = Cli.run("plan", pool, "--claims", 1);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly("fd00::1");
        }

        @Test
        void releasedAddressGoesToTheNextClaim() {
            Path pool = workspace.ipPool("reuse", """
                    addresses: [10.0.0.0/24]
                    prefix: 24
                    gateway: 10.0.0.1
                    """);
            Run claimsABC = Cli.run("plan", pool, "--claims", 3);
            assertThat(claimsABC.outLines()).containsExactly("10.0.0.2", "10.0.0.3", "10.0.0.4");
            Path aAndCRemain = workspace.file("in-use.txt", """
                    10.0.0.2  # claim A
                    10.0.0.4  # claim C; claim B was deleted
                    """);

            Run claimD = Cli.run("plan", pool, "--claims", 1, "--allocated", aAndCRemain);

            assertThat(claimD.exitCode()).isZero();
            assertThat(claimD.outLines()).containsExactly("10.0.0.3");
        }

        @Test
        void prefixPoolHandsOutSubPrefixesAroundTheExcludedOne() {
            Path pool = workspace.prefixPool("prefixes", """
                    prefixes: [fd00::/48]
                    allocationPrefixLength: 64
                    excludedPrefixes: [fd00:0:0:1::/64]
                    """);

            Run run = Cli.run("plan", pool, "--claims", 2);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly("fd00::/64", "fd00:0:0:2::/64");
        }

        @Test
        void addressesAndSubPrefixesKeptForClaimsAreSkipped() {
            Path pool = workspace.ipPool("kept", """
                    addresses: [10.0.0.10-10.0.0.14]
                    prefix: 24
                    preAllocations: {vip: 10.0.0.11, lb: 10.0.0.13}
                    """);
            Path prefixes = workspace.prefixPool("kept-prefixes", """
                    prefixes: [fd00::/62]
                    allocationPrefixLength: 64
                    preAllocations: {edge: "fd00::/64"}
                    """);

            Run run = Cli.run("plan", pool, "--claims", 4);
            Run prefixRun = Cli.run("plan", prefixes, "--claims", 1);

            assertThat(run.exitCode()).isEqualTo(ExitCode.EXHAUSTED);
            assertThat(run.outLines()).containsExactly("10.0.0.10", "10.0.0.12", "10.0.0.14", "exhausted");
            assertThat(prefixRun.outLines()).containsExactly("fd00:0:0:1::/64");
        }

        @Test
        void addressOutsideThePrefixIsRefusedWithoutPlanning() {
            Path pool = workspace.ipPool("outside", """
                    addresses: [10.1.0.0/24, 10.2.0.5]
                    prefix: 24
                    """);

            Run run = Cli.run("plan", pool, "--claims", 1);

            assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
            assertThat(run.out()).isEmpty();
            assertThat(run.errLines()).singleElement().asString()
                    .startsWith(pool + ": InClusterIPPool/outside: spec.addresses[1]: Invalid value: \"10.2.0.5\": lies outside 10.1.0.0/24");
        }
    }

    @Nested
    class AlreadyAllocated {

        @Test
        void addressesInUseAreSkippedAndCommentsAndBlankLinesIgnored() {
            Path pool = workspace.ipPool("pool", """
                    addresses: [10.0.0.0/24]
                    prefix: 24
                    gateway: 10.0.0.1
                    """);
            Path inUse = workspace.file("in-use.txt", """
                    # machines of cluster a

                    10.0.0.2
                       10.0.0.3\t
                    10.0.0.5 # bastion
                    """);

            Run run = Cli.run("plan", pool, "--claims", 3, "--allocated", inUse);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly("10.0.0.4", "10.0.0.6", "10.0.0.7");
        }

        @Test
        void addressesOutsideThePoolChangeNothing() {
            Path pool = workspace.ipPool("pool", """
                    addresses: [10.0.0.10-10.0.0.12]
                    prefix: 24
                    """);
            Path inUse = workspace.file("in-use.txt", "10.0.0.200\nfd00::1\n");

            Run run = Cli.run("plan", pool, "--claims", 1, "--allocated", inUse);

            assertThat(run.outLines()).containsExactly("10.0.0.10");
        }

        @Test
        void prefixesInUseAreSkipped() {
            Path pool = workspace.prefixPool("prefixes", """
                    prefixes: [fd00::/48]
                    allocationPrefixLength: 64
                    """);
            Path inUse = workspace.file("in-use.txt", "fd00::/64\nfd00:0:0:2::/64\n");

            Run run = Cli.run("plan", pool, "--claims", 2, "--allocated", inUse);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly("fd00:0:0:1::/64", "fd00:0:0:3::/64");
        }

        @Test
        void poolFilledByAllocatedAddressesIsExhaustedAtOnce() {
            Path pool = workspace.ipPool("small", """
                    addresses: [10.0.0.10-10.0.0.11]
                    prefix: 24
                    """);
            Path inUse = workspace.file("in-use.txt", "10.0.0.10\n10.0.0.11\n");

            Run run = Cli.run("plan", pool, "--claims", 1, "--allocated", inUse);

            assertThat(run.exitCode()).isEqualTo(ExitCode.EXHAUSTED);
            assertThat(run.outLines()).containsExactly("exhausted");
        }

        @Test
        void unparsableLineIsNamedByItsNumber() {
            Path pool = workspace.ipPool("pool", """
                    addresses: [10.0.0.0/24]
                    prefix: 24
                    """);
            Path inUse = workspace.file("in-use.txt", "# header\n10.0.0.2\n10.0.0.300\n");

            Run run = Cli.run("plan", pool, "--claims", 1, "--allocated", inUse);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.out()).isEmpty();
            assertThat(run.errLines()).singleElement().asString().startsWith(inUse + ":3: \"10.0.0.300\"");
        }

        @Test
        void addressInAPrefixPoolListIsUnparsable() {
            Path pool = workspace.prefixPool("prefixes", "prefixes: [fd00::/48]\n");
            Path inUse = workspace.file("in-use.txt", "fd00::1\n");

            Run run = Cli.run("plan", pool, "--claims", 1, "--allocated", inUse);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.err()).startsWith(inUse + ":1: \"fd00::1\" is not a CIDR");
        }

        @Test
        void missingListIsUnreadable() {
            Path pool = workspace.ipPool("pool", "addresses: [10.0.0.0/24]\nprefix: 24\n");
            Path inUse = workspace.missing("in-use.txt");

            Run run = Cli.run("plan", pool, "--claims", 1, "--allocated", inUse);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.err()).isEqualToIgnoringNewLines(inUse + ": no such file");
        }
    }

    @Nested
    class JsonOutput {

        @Test
        void printsOneArrayOfStrings() {
            Path pool = workspace.prefixPool("prefixes", """
                    prefixes: [fd00::/48]
                    excludedPrefixes: [fd00:0:0:1::/64]
                    """);

            Run run = Cli.run("plan", pool, "--claims", 2, "-o", "json");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualToIgnoringNewLines("[\"fd00::/64\",\"fd00:0:0:2::/64\"]");
        }

        @Test
        void exhaustedPoolEndsTheArrayEarly() {
            Path pool = workspace.ipPool("range", """
                    addresses: [10.0.0.10-10.0.0.12]
                    prefix: 24
                    """);

            Run run = Cli.run("plan", pool, "--claims", 5, "--output", "JSON");

            assertThat(run.exitCode()).isEqualTo(ExitCode.EXHAUSTED);
            assertThat(run.out()).isEqualToIgnoringNewLines("[\"10.0.0.10\",\"10.0.0.11\",\"10.0.0.12\"]");
        }

        @Test
        void emptyPoolGivesAnEmptyArray() {
            Path pool = workspace.ipPool("single", """
                    addresses: [10.0.0.5]
                    prefix: 32
                    """);

            Run run = Cli.run("plan", pool, "--claims", 1, "-o", "json");

            assertThat(run.exitCode()).isEqualTo(ExitCode.EXHAUSTED);
            assertThat(run.out()).isEqualToIgnoringNewLines("[]");
            assertThat(run.err()).contains("warning: the pool has no address to hand out");
        }
    }

    @Nested
    class WhichPool {

        @Test
        void documentsOfOtherKindsBesideThePoolAreIgnored() {
            Path file = workspace.file("cluster.yaml", """
                    apiVersion: v1
                    kind: Namespace
                    metadata:
                      name: tenant-a
                    ---
                    """ + Workspace.manifest("GlobalInClusterIPPool", "shared", """
                    addresses: [192.168.0.10-192.168.0.20]
                    prefix: 24
                    gateway: 192.168.0.1
                    """));

            Run run = Cli.run("plan", file, "--claims", 2);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).containsExactly("192.168.0.10", "192.168.0.11");
        }

        @Test
        void fileWithoutPoolIsUnreadable() {
            Path file = workspace.file("namespace.yaml", """
                    apiVersion: v1
                    kind: Namespace
                    metadata:
                      name: tenant-a
                    """);

            Run run = Cli.run("plan", file, "--claims", 1);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.err()).startsWith(file + ": holds 0 pools; plan needs exactly one");
        }

        @Test
        void fileWithTwoPoolsIsUnreadable() {
            Path file = workspace.file("pools.yaml",
                    Workspace.manifest("InClusterIPPool", "a", "addresses: [10.0.0.0/24]\nprefix: 24\n")
                            + "---\n"
                            + Workspace.manifest("InClusterPrefixPool", "b", "prefixes: [fd00::/48]\n"));

            Run run = Cli.run("plan", file, "--claims", 1);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.err()).startsWith(file + ": holds 2 pools; plan needs exactly one");
        }

        @Test
        void fieldOfTheWrongTypeIsUnreadable() {
            Path pool = workspace.ipPool("typo", """
                    addresses: [10.0.0.0/24]
                    prefix: "abc"
                    """);

            Run run = Cli.run("plan", pool, "--claims", 1);

            assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
            assertThat(run.err()).isEqualToIgnoringNewLines(
                    pool + ": InClusterIPPool/typo: spec.prefix: expected a 32-bit integer, got string \"abc\"");
        }
    }

    @Test
    void negativeClaimCountIsABadCommandLine() {
        Path pool = workspace.ipPool("pool", "addresses: [10.0.0.0/24]\nprefix: 24\n");

        Run run = Cli.run("plan", pool, "--claims", -1);

        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE);
        assertThat(run.err()).startsWith("--claims must not be negative, got -1");
    }
}

package dev.clusteripam.app.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.clusteripam.api.ipam.PoolIdentity;
import dev.clusteripam.api.ipam.PoolKind;
import dev.clusteripam.app.cli.ExitCode;
import dev.clusteripam.app.lifecycle.StartupException;
import dev.clusteripam.app.run.KubernetesClients;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.text.Excerpt;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * Shows what the pools of a cluster hold, read-only (it lists pools and IPAddresses, and writes
 * nothing): per pool the counts the provider puts on its status, the free ranges, the pools it
 * shares addresses with and, with {@code --address}, what holds an address or why it is not handed out.
 */
@Command(
        name = "inspect",
        description = "Shows, read-only, what the pools of a cluster hold: size, used, free, the free ranges, the pools they"
                + " share addresses with, and which IPAddress and claim hold an address.",
        footer = {"", "Exits with 1 when a pool shown is invalid, 2 when no pool matches, 5 when the cluster cannot be read."})
public final class InspectCommand implements Callable<Integer> {

    enum Format { TEXT, JSON }

    @Spec
    private CommandSpec command;

    @Parameters(paramLabel = "POOL", arity = "0..1", description = "Only the pools of this name (of every kind and namespace"
            + " the other options let through). Default: every pool.")
    private Optional<String> poolName;

    @Option(names = "--kind", paramLabel = "KIND", converter = KindConverter.class,
            description = "Only pools of this kind: InClusterIPPool, GlobalInClusterIPPool, InClusterPrefixPool or GlobalInClusterPrefixPool.")
    private Optional<PoolKind> kind;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
            description = "Only the namespaced pools of this namespace; global pools are shown too unless --kind leaves them out.")
    private Optional<String> namespace;

    @Option(names = "--address", paramLabel = "ADDR",
            description = "What this address is in POOL: held (by which IPAddress and claim), free, excluded, the gateway,"
                    + " reserved or outside the pool; in a prefix pool, the sub-prefix that contains it. Needs POOL.")
    private Optional<String> address;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (one document: {\"pools\": [...]}). Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The cluster to read (its current context). Default: KUBECONFIG, ~/.kube/config, then the pod's service account.")
    private Optional<Path> kubeconfig;

    @Override
    public Integer call() throws JsonProcessingException {
        Optional<IpAddress> asked = parsedAddress();
        ClusterPools cluster;
        try (KubernetesClient client = KubernetesClients.connect(kubeconfig)) {
            cluster = ClusterPools.read(client);
        } catch (StartupException | KubernetesClientException e) {
            command.commandLine().getErr().println("cannot read the cluster: " + Excerpt.ofMessage(String.valueOf(e.getMessage())));
            return ExitCode.CANNOT_START;
        }
        List<PoolReport> reports = cluster.pools().entrySet().stream()
                .filter(pool -> selected(pool.getKey()))
                .map(pool -> PoolInspection.of(pool.getKey(), pool.getValue(), cluster.heldBy(pool.getKey()),
                        cluster.overlapsOf(pool.getKey()), asked))
                .toList();
        if (reports.isEmpty() && poolName.isPresent()) {
            command.commandLine().getErr().println("no pool named " + Excerpt.of(poolName.get())
                    + kind.map(k -> " of kind " + k).orElse("") + namespace.map(ns -> " in namespace " + Excerpt.of(ns)).orElse(""));
            return ExitCode.UNREADABLE;
        }
        PrintWriter out = command.commandLine().getOut();
        if (format == Format.JSON) {
            out.println(InspectOutput.json(reports));
        } else {
            InspectOutput.text(reports).forEach(out::println);
        }
        return reports.stream().allMatch(PoolReport::valid) ? ExitCode.OK : ExitCode.INVALID;
    }

    private Optional<IpAddress> parsedAddress() {
        if (address.isEmpty()) {
            return Optional.empty();
        }
        if (poolName.isEmpty()) {
            throw new ParameterException(command.commandLine(), "--address needs POOL: which pool to look the address up in");
        }
        try {
            return Optional.of(IpAddress.parse(address.get()));
        } catch (IpFormatException e) {
            throw new ParameterException(command.commandLine(), "--address: not an IP address: \"" + Excerpt.of(address.get()) + "\"");
        }
    }

    private boolean selected(PoolIdentity pool) {
        return poolName.map(pool.name()::equals).orElse(true)
                && kind.map(pool.kind()::equals).orElse(true)
                && (!pool.kind().isNamespaced() || namespace.map(pool.namespace()::equals).orElse(true));
    }

    /** A pool kind as Kubernetes spells it. */
    static final class KindConverter implements ITypeConverter<PoolKind> {
        @Override
        public PoolKind convert(String value) {
            return PoolKind.of(value).orElseThrow(() -> new TypeConversionException("not a pool kind: \"" + Excerpt.of(value)
                    + "\"; one of " + Arrays.stream(PoolKind.values()).map(PoolKind::kind).collect(Collectors.joining(", "))));
        }
    }
}

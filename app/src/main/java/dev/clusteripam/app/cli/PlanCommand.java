package dev.clusteripam.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.clusteripam.core.alloc.AddressPoolAllocator;
import dev.clusteripam.core.alloc.Allocator;
import dev.clusteripam.core.alloc.PreAllocatingAllocator;
import dev.clusteripam.core.alloc.PrefixPoolAllocator;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.pool.AddressPool;
import dev.clusteripam.core.pool.AddressSubnet;
import dev.clusteripam.core.pool.Validation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Shows what the provider would hand out to the next claims of a pool. It asks the allocator the
 * provider uses ({@code allocateNext}), so the answer is the provider's, not a re-implementation.
 * For an IP pool with {@code spec.subnets}, each address comes with the subnet it lies in, whose
 * prefix and gateway its IPAddress would get.
 */
@Command(
        name = "plan",
        description = "Prints the addresses (for a prefix pool, the sub-prefixes) the next claims of a pool would get, in order.",
        footer = {"", "For an IP pool with spec.subnets, each address is followed by its subnet, network and gateway"
                + " (json: objects with address, subnet, prefix, gateway).",
                "When the pool runs out, prints what it could, then the line 'exhausted' (text), and exits with 3."})
final class PlanCommand implements Callable<Integer> {

    enum Format { TEXT, JSON }

    private static final ObjectWriter JSON_WRITER = new ObjectMapper().writer();

    @Spec
    private CommandSpec command;

    @Parameters(paramLabel = "FILE", description = "Kubernetes YAML holding exactly one pool; documents of other kinds are ignored.")
    private Path file;

    @Option(names = "--claims", required = true, paramLabel = "N", description = "How many claims arrive.")
    private int claims;

    @Option(names = "--allocated", paramLabel = "FILE",
            description = "Items already in use, one per line (addresses, or CIDRs for a prefix pool); blank lines and # comments are ignored.")
    private Optional<Path> allocated;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (one item per line) or json (an array of strings). Default: ${DEFAULT-VALUE}.")
    private Format format;

    @Override
    public Integer call() throws JsonProcessingException {
        if (claims < 0) {
            throw new ParameterException(command.commandLine(), "--claims must not be negative, got " + claims);
        }
        try {
            return plan(onlyPool(PoolManifests.read(file)));
        } catch (UnreadableInputException e) {
            command.commandLine().getErr().println(e.getMessage());
            return ExitCode.UNREADABLE;
        }
    }

    private PoolManifest onlyPool(List<ManifestDocument> documents) throws UnreadableInputException {
        List<String> problems = new ArrayList<>();
        List<PoolManifest> pools = new ArrayList<>();
        for (ManifestDocument document : documents) {
            if (document instanceof PoolManifest pool) {
                pools.add(pool);
            } else if (document instanceof ManifestDocument.Unreadable unreadable) {
                problems.add(unreadable.toString());
            }
        }
        if (!problems.isEmpty()) {
            throw new UnreadableInputException(String.join(System.lineSeparator(), problems));
        }
        if (pools.size() != 1) {
            throw new UnreadableInputException(file + ": holds " + pools.size() + " pools; plan needs exactly one "
                    + PoolManifests.API_VERSION + " pool");
        }
        return pools.get(0);
    }

    private int plan(PoolManifest pool) throws UnreadableInputException, JsonProcessingException {
        if (pool instanceof PrefixPoolManifest prefixPool) {
            return plan(prefixPool, prefixPool.validate(),
                    model -> new PreAllocatingAllocator<>(new PrefixPoolAllocator(model), prefixPool.keptIn(model)), IpPrefix::parse);
        }
        // PoolManifest is sealed: what is not a prefix pool is an IP pool.
        AddressPoolManifest addressPool = (AddressPoolManifest) pool;
        return plan(addressPool, addressPool.validate(),
                model -> new PreAllocatingAllocator<>(new AddressPoolAllocator(model), addressPool.keptIn(model)), IpAddress::parse);
    }

    /**
     * @param <P> the pool model
     * @param <T> what the pool hands out: addresses or prefixes
     */
    private <P, T> int plan(PoolManifest pool, Validation<P> validation, Function<P, Allocator<T>> newAllocator,
            AllocatedItems.ItemParser<T> itemParser) throws UnreadableInputException, JsonProcessingException {
        ValidationReport.print(pool, validation, command.commandLine().getErr());
        if (!validation.isValid()) {
            return ExitCode.INVALID;
        }
        P model = validation.orElseThrow();
        Allocator<T> allocator = newAllocator.apply(model);
        if (allocated.isPresent()) {
            AllocatedItems.read(allocated.get(), itemParser).forEach(allocator::markUsed);
        }
        List<Planned> planned = new ArrayList<>();
        while (planned.size() < claims) {
            Optional<T> next = allocator.allocateNext();
            if (next.isEmpty()) {
                break;
            }
            planned.add(new Planned(next.get().toString(), subnetOf(model, next.get())));
        }
        boolean exhausted = planned.size() < claims;
        print(planned, exhausted);
        return exhausted ? ExitCode.EXHAUSTED : ExitCode.OK;
    }

    /** One planned item and, in an IP pool with {@code spec.subnets}, the subnet it lies in. */
    private record Planned(String item, Optional<AddressSubnet> subnet) {

        /** {@code 10.0.1.5 spec.subnets[0] 10.0.1.0/24 via 10.0.1.1}. */
        String line() {
            return item + subnet.map(s -> " " + s.field() + " " + s.network() + s.gateway().map(g -> " via " + g).orElse("")).orElse("");
        }

        Object json() {
            if (subnet.isEmpty()) {
                return item;
            }
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("address", item);
            described.put("subnet", subnet.get().field());
            described.put("prefix", subnet.get().prefixLength());
            subnet.get().gateway().ifPresent(gateway -> described.put("gateway", gateway.toString()));
            return described;
        }
    }

    /** The subnet of {@code item} when {@code model} is an IP pool of several subnets. */
    private static Optional<AddressSubnet> subnetOf(Object model, Object item) {
        if (model instanceof AddressPool pool && pool.subnets().size() > 1) {
            return pool.subnetOf((IpAddress) item);
        }
        return Optional.empty();
    }

    private void print(List<Planned> planned, boolean exhausted) throws JsonProcessingException {
        PrintWriter out = command.commandLine().getOut();
        if (format == Format.JSON) {
            out.println(JSON_WRITER.writeValueAsString(planned.stream().map(Planned::json).toList()));
            return;
        }
        planned.forEach(item -> out.println(item.line()));
        if (exhausted) {
            out.println("exhausted");
        }
    }
}

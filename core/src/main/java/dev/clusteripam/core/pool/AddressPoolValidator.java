package dev.clusteripam.core.pool;

import dev.clusteripam.core.interval.Interval;
import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.ip.IpRange;
import dev.clusteripam.core.ip.U128;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The admission rules for IP pools (SPEC 2.10), shared by the webhook, the CLI and the
 * controller. Refuses only what upstream's webhook refuses; what upstream accepts but is probably
 * a mistake becomes a warning.
 */
public final class AddressPoolValidator {

    /** Upstream's words when an update would strand allocated addresses; its tests look for them. */
    static final String STRANDED = "pool addresses do not contain allocated addresses";

    private AddressPoolValidator() {
    }

    /** Every error of {@code spec} at once, the warnings, and the pool when there is no error. */
    public static Validation<AddressPool> validate(AddressPoolSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        PoolLimits.requireAtMost(PoolLimits.MAX_SUBNETS, "spec.subnets", spec.subnets(), errors);
        List<AddressSubnetSpec> subnetSpecs = spec.allSubnets();
        List<ParsedSubnet> parsed = new ArrayList<>(subnetSpecs.size());
        for (int i = 0; i < subnetSpecs.size(); i++) {
            parsed.add(parse(i, subnetSpecs.get(i)));
        }
        // One family per pool: that of its first entry, in the order the subnets are served.
        Optional<IpFamily> family = parsed.stream().flatMap(p -> p.addresses().stream()).map(e -> e.entry().family()).findFirst();
        for (ParsedSubnet subnet : parsed) {
            subnet.report(family, errors);
        }

        spec.addressReuseGracePeriodSeconds().ifPresent(seconds -> {
            if (seconds < 0) {
                errors.add(new FieldError("spec.addressReuseGracePeriodSeconds", Long.toString(seconds), "must not be negative"));
            } else if (seconds > Integer.MAX_VALUE) {
                // Upstream's field is an int32; the schema refuses more, and so do we without it.
                errors.add(new FieldError("spec.addressReuseGracePeriodSeconds", Long.toString(seconds),
                        "must be at most " + Integer.MAX_VALUE));
            }
        });

        if (!errors.isEmpty()) {
            return Validation.invalid(errors, List.of());
        }

        IpFamily poolFamily = family.orElseThrow();
        List<IpPrefix> networks = new ArrayList<>(parsed.size());
        for (ParsedSubnet subnet : parsed) {
            networks.add(subnet.network(poolFamily, parsed.size() == 1, errors));
        }
        if (!errors.isEmpty()) {
            return Validation.invalid(errors, List.of());
        }
        IntervalSet gateways = IntervalSet.of(parsed.stream()
                .flatMap(subnet -> subnet.gateway().stream()).map(g -> Interval.single(g.value())).toList());
        List<AddressSubnet> subnets = new ArrayList<>(parsed.size());
        for (ParsedSubnet subnet : parsed) {
            subnets.add(new AddressSubnet(subnet.index(), poolFamily, networks.get(subnet.index()), toIntervals(subnet.addresses()),
                    toIntervals(subnet.excluded()), subnet.gateway(), gateways, spec.allocateReservedIPAddresses()));
        }
        requireNoSharedAddress(parsed, subnets, errors);
        if (!errors.isEmpty()) {
            return Validation.invalid(errors, List.of());
        }

        AddressPool pool = new AddressPool(poolFamily, subnets);
        return Validation.valid(pool, warnings(pool, spec, parsed));
    }

    /**
     * One subnet's entries, parsed, with where they are written, and what did not parse, field by
     * field: reported once the pool's family is known, in the order of the fields.
     */
    private record ParsedSubnet(int index, AddressSubnetSpec spec, List<NumberedEntry> addresses, List<NumberedEntry> excluded,
            Optional<IpAddress> gateway, List<FieldError> addressErrors, List<FieldError> prefixErrors,
            List<FieldError> gatewayErrors, List<FieldError> excludedErrors) {

        String field(String name) {
            return AddressPoolSpec.fieldOfSubnet(index) + "." + name;
        }

        /** Every error of its fields: those found parsing, and entries, prefix and gateway not of {@code family}, the pool's. */
        void report(Optional<IpFamily> family, List<FieldError> errors) {
            errors.addAll(addressErrors);
            family.ifPresent(f -> requireFamily(field("addresses"), addresses, f, errors));
            errors.addAll(prefixErrors);
            if (prefixErrors.isEmpty() && family.isPresent() && spec.prefix() > family.get().bits()) {
                errors.add(new FieldError(field("prefix"), Integer.toString(spec.prefix()),
                        "must be at most " + family.get().bits() + " for an " + family.get() + " pool"));
            }
            errors.addAll(gatewayErrors);
            gateway.filter(g -> family.isPresent() && g.family() != family.get()).ifPresent(g -> errors.add(new FieldError(
                    field("gateway"), spec.gateway().orElseThrow(), "is " + g.family() + " but the pool is " + family.get())));
            errors.addAll(excludedErrors);
            family.ifPresent(f -> requireFamily(field("excludedAddresses"), excluded, f, errors));
        }

        /** The network of its lowest address, with errors for addresses outside it. */
        IpPrefix network(IpFamily family, boolean onlySubnet, List<FieldError> errors) {
            String whose = onlySubnet ? "pool" : "subnet";
            IntervalSet subnetAddresses = toIntervals(addresses);
            IpAddress lowest = new IpAddress(family, subnetAddresses.intervals().get(0).first());
            IpPrefix network = IpPrefix.containing(lowest, spec.prefix());
            for (NumberedEntry address : addresses) {
                if (!network.toRange().contains(address.entry().range())) {
                    errors.add(new FieldError(field("addresses") + "[" + address.index() + "]", address.entry().text(),
                            "lies outside " + network + ", the network of the lowest " + whose + " address " + lowest + " with "
                                    + field("prefix") + " " + spec.prefix() + "; a " + whose + "'s addresses share one prefix"));
                }
            }
            return network;
        }
    }

    /** Parses one subnet, keeping every error of its own fields. */
    private static ParsedSubnet parse(int index, AddressSubnetSpec subnet) {
        String at = AddressPoolSpec.fieldOfSubnet(index);
        int maxEntries = index == 0 ? PoolLimits.MAX_ENTRIES : PoolLimits.MAX_SUBNET_ENTRIES;
        List<FieldError> addressErrors = new ArrayList<>();
        if (subnet.addresses().isEmpty()) {
            addressErrors.add(new FieldError(at + ".addresses", "[]", "must list at least one address, range or CIDR"));
        }
        PoolLimits.requireAtMost(maxEntries, at + ".addresses", subnet.addresses(), addressErrors);
        PoolLimits.requireAtMost(maxEntries, at + ".excludedAddresses", subnet.excludedAddresses(), addressErrors);
        List<NumberedEntry> addresses = parseEntries(at + ".addresses", subnet.addresses(), addressErrors);
        List<FieldError> prefixErrors = new ArrayList<>();
        if (subnet.prefix() < 0 || subnet.prefix() > 128) {
            prefixErrors.add(new FieldError(at + ".prefix", Integer.toString(subnet.prefix()),
                    "must be between 0 and 128 (at most 32 for IPv4)"));
        }
        List<FieldError> gatewayErrors = new ArrayList<>();
        Optional<IpAddress> gateway = Optional.empty();
        if (subnet.gateway().isPresent() && !subnet.gateway().get().isEmpty()) {
            String text = subnet.gateway().get();
            try {
                gateway = Optional.of(IpAddress.parse(text));
            } catch (IpFormatException e) {
                gatewayErrors.add(new FieldError(at + ".gateway", text, "is not a valid IP address: " + e.getMessage()));
            }
        }
        List<FieldError> excludedErrors = new ArrayList<>();
        List<NumberedEntry> excluded = parseEntries(at + ".excludedAddresses", subnet.excludedAddresses(), excludedErrors);
        return new ParsedSubnet(index, subnet, addresses, excluded, gateway, addressErrors, prefixErrors, gatewayErrors, excludedErrors);
    }

    /**
     * An error for each entry of a subnet that shares addresses with an earlier subnet, naming both:
     * an address belongs to one subnet, whose prefix and gateway its IPAddress gets.
     */
    private static void requireNoSharedAddress(List<ParsedSubnet> parsed, List<AddressSubnet> subnets, List<FieldError> errors) {
        for (int later = 1; later < parsed.size(); later++) {
            ParsedSubnet subnet = parsed.get(later);
            for (NumberedEntry entry : subnet.addresses()) {
                IntervalSet written = toIntervals(List.of(entry));
                for (int earlier = 0; earlier < later; earlier++) {
                    IntervalSet shared = written.minus(written.minus(subnets.get(earlier).addresses()));
                    if (!shared.isEmpty()) {
                        String ranges = AddressPool.toRanges(subnets.get(earlier).family(), shared).stream()
                                .map(IpRange::toString).collect(Collectors.joining(", "));
                        errors.add(new FieldError(subnet.field("addresses") + "[" + entry.index() + "]", entry.entry().text(),
                                "overlaps " + parsed.get(earlier).field("addresses") + " (" + ranges
                                        + "); the subnets of a pool share no address"));
                    }
                }
            }
        }
    }

    /**
     * The rules for an update: those of {@link #validate}, and no address already allocated from
     * the pool may become one the new spec would not hand out.
     *
     * @param allocated the addresses of every IPAddress that names the pool
     */
    public static Validation<AddressPool> validateUpdate(AddressPoolSpec spec, Collection<IpAddress> allocated) {
        Validation<AddressPool> validation = validate(spec);
        if (!validation.isValid()) {
            return validation;
        }
        AddressPool pool = validation.model().orElseThrow();
        Map<Stranding, List<IpAddress>> stranded = new TreeMap<>();
        for (IpAddress address : allocated) {
            pool.whyNotAllocatable(address).ifPresent(why -> stranded.computeIfAbsent(
                    new Stranding(fieldResponsibleFor(why, pool, address), why), k -> new ArrayList<>()).add(address));
        }
        if (stranded.isEmpty()) {
            return validation;
        }
        List<FieldError> errors = new ArrayList<>();
        stranded.forEach((responsible, addresses) -> {
            String ranges = AddressPool.toRanges(addresses).stream().map(IpRange::toString).collect(Collectors.joining(", "));
            errors.add(new FieldError(responsible.field(), ranges, STRANDED + ": they would become "
                    + responsible.why().description() + "; release them before changing the pool"));
        });
        return Validation.invalid(errors, validation.warnings());
    }

    /** Why an allocated address would be stranded, and the field that would strand it: one refusal each. */
    private record Stranding(String field, Unallocatable why) implements Comparable<Stranding> {
        @Override
        public int compareTo(Stranding other) {
            int byWhy = why.compareTo(other.why);
            return byWhy != 0 ? byWhy : field.compareTo(other.field);
        }
    }

    /**
     * The field to change back: the subnet's own exclusions, the gateway's subnet; for an
     * address in no subnet, {@code spec.addresses} of a pool of one subnet and {@code spec.subnets}
     * of a pool of several (which subnet lost it, the spec no longer says).
     */
    private static String fieldResponsibleFor(Unallocatable why, AddressPool pool, IpAddress address) {
        return switch (why) {
            case OTHER_FAMILY, OUTSIDE_POOL -> pool.subnets().size() == 1 ? "spec.addresses" : "spec.subnets";
            case EXCLUDED -> pool.subnetOf(address).orElseThrow().field() + ".excludedAddresses";
            case RESERVED -> "spec.allocateReservedIPAddresses";
            case GATEWAY -> pool.subnets().stream().filter(s -> s.gateway().equals(Optional.of(address))).findFirst()
                    .orElseThrow().field() + ".gateway";
        };
    }

    private static List<String> warnings(AddressPool pool, AddressPoolSpec spec, List<ParsedSubnet> parsed) {
        List<String> warnings = new ArrayList<>();
        for (ParsedSubnet written : parsed) {
            AddressSubnet subnet = pool.subnets().get(written.index());
            if (written.spec().prefix() == 0) {
                warnings.add(written.field("prefix") + " 0 gives every allocated address the whole address space "
                        + subnet.network() + " as its network; machines will treat every address as on-link");
            }
            DubiousEntries.ipv4Mapped(written.field("addresses"), written.addresses(), warnings);
            DubiousEntries.ipv4Mapped(written.field("excludedAddresses"), written.excluded(), warnings);
            DubiousEntries.unalignedCidrs(written.field("addresses"), written.addresses(), "are handed out too", warnings);
            DubiousEntries.unalignedCidrs(written.field("excludedAddresses"), written.excluded(), "are excluded too", warnings);
            subnet.gateway().filter(g -> !subnet.network().contains(g)).ifPresent(g -> warnings.add(written.field("gateway") + " " + g
                    + " lies outside the " + (parsed.size() == 1 ? "pool's" : "subnet's") + " network " + subnet.network()
                    + "; accepted as an off-link gateway"));
            if (parsed.size() > 1 && subnet.total().equals(BigInteger.ZERO) && !pool.total().equals(BigInteger.ZERO)) {
                warnings.add(subnet + " has no address to hand out: every address is excluded, reserved or the gateway");
            }
        }
        DubiousEntries.unspecified(pool.family(), pool.allocatable().contains(U128.ZERO), "as an address").ifPresent(warnings::add);
        DubiousEntries.saturatedCounts(pool.total(), "addresses").ifPresent(warnings::add);
        if (pool.total().equals(BigInteger.ZERO)) {
            String hint = spec.allocateReservedIPAddresses() ? "" : " (set spec.allocateReservedIPAddresses to hand out network, broadcast or anycast addresses)";
            warnings.add("the pool has no address to hand out: every address is excluded, reserved or the gateway" + hint);
        }
        return warnings;
    }

    /** An entry with its position in the spec list, so that errors can name {@code field[i]}. */
    record NumberedEntry(int index, PoolEntry entry) {
    }

    /** Parses each entry, recording an error naming {@code field[i]} for each that does not parse. */
    static List<NumberedEntry> parseEntries(String field, List<String> texts, List<FieldError> errors) {
        List<NumberedEntry> entries = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            try {
                entries.add(new NumberedEntry(i, PoolEntry.parse(texts.get(i))));
            } catch (IpFormatException e) {
                errors.add(new FieldError(field + "[" + i + "]", texts.get(i),
                        "is not a valid IP address, range (a-b) or CIDR: " + e.getMessage()));
            }
        }
        return entries;
    }

    static void requireFamily(String field, List<NumberedEntry> entries, IpFamily family, List<FieldError> errors) {
        for (NumberedEntry numbered : entries) {
            PoolEntry entry = numbered.entry();
            if (entry.family() != family) {
                errors.add(new FieldError(field + "[" + numbered.index() + "]", entry.text(),
                        "is " + entry.family() + " but the pool is " + family + "; a pool holds one IP family"));
            }
        }
    }

    static IntervalSet toIntervals(List<NumberedEntry> entries) {
        return IntervalSet.of(entries.stream()
                .map(e -> new Interval(e.entry().range().first().value(), e.entry().range().last().value()))
                .toList());
    }
}

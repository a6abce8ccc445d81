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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

        if (spec.addresses().isEmpty()) {
            errors.add(new FieldError("spec.addresses", "[]", "must list at least one address, range or CIDR"));
        }
        PoolLimits.requireAtMostMaxEntries("spec.addresses", spec.addresses(), errors);
        PoolLimits.requireAtMostMaxEntries("spec.excludedAddresses", spec.excludedAddresses(), errors);
        List<NumberedEntry> addresses = parseEntries("spec.addresses", spec.addresses(), errors);
        Optional<IpFamily> family = addresses.stream().map(e -> e.entry().family()).findFirst();
        family.ifPresent(f -> requireFamily("spec.addresses", addresses, f, errors));

        if (spec.prefix() < 0 || spec.prefix() > 128) {
            errors.add(new FieldError("spec.prefix", Integer.toString(spec.prefix()),
                    "must be between 0 and 128 (at most 32 for IPv4)"));
        } else if (family.isPresent() && spec.prefix() > family.get().bits()) {
            errors.add(new FieldError("spec.prefix", Integer.toString(spec.prefix()),
                    "must be at most " + family.get().bits() + " for an " + family.get() + " pool"));
        }

        Optional<IpAddress> gateway = Optional.empty();
        if (spec.gateway().isPresent() && !spec.gateway().get().isEmpty()) {
            String text = spec.gateway().get();
            try {
                IpAddress parsed = IpAddress.parse(text);
                if (family.isPresent() && parsed.family() != family.get()) {
                    errors.add(new FieldError("spec.gateway", text, "is " + parsed.family() + " but the pool is " + family.get()));
                } else {
                    gateway = Optional.of(parsed);
                }
            } catch (IpFormatException e) {
                errors.add(new FieldError("spec.gateway", text, "is not a valid IP address: " + e.getMessage()));
            }
        }

        List<NumberedEntry> excluded = parseEntries("spec.excludedAddresses", spec.excludedAddresses(), errors);
        family.ifPresent(f -> requireFamily("spec.excludedAddresses", excluded, f, errors));

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
        IntervalSet poolAddresses = toIntervals(addresses);
        IpAddress lowest = new IpAddress(poolFamily, poolAddresses.intervals().get(0).first());
        IpPrefix network = IpPrefix.containing(lowest, spec.prefix());
        for (NumberedEntry address : addresses) {
            if (!network.toRange().contains(address.entry().range())) {
                errors.add(new FieldError("spec.addresses[" + address.index() + "]", address.entry().text(),
                        "lies outside " + network + ", the network of the lowest pool address " + lowest
                                + " with spec.prefix " + spec.prefix() + "; a pool's addresses share one prefix"));
            }
        }
        if (!errors.isEmpty()) {
            return Validation.invalid(errors, List.of());
        }

        AddressPool pool = new AddressPool(poolFamily, network, poolAddresses, toIntervals(excluded), gateway,
                spec.allocateReservedIPAddresses());
        return Validation.valid(pool, warnings(pool, spec, addresses, excluded));
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
        Map<Unallocatable, List<IpAddress>> stranded = new EnumMap<>(Unallocatable.class);
        for (IpAddress address : allocated) {
            pool.whyNotAllocatable(address).ifPresent(why -> stranded.computeIfAbsent(why, k -> new ArrayList<>()).add(address));
        }
        if (stranded.isEmpty()) {
            return validation;
        }
        List<FieldError> errors = new ArrayList<>();
        stranded.forEach((why, addresses) -> {
            String ranges = AddressPool.toRanges(addresses).stream().map(IpRange::toString).collect(Collectors.joining(", "));
            errors.add(new FieldError(fieldResponsibleFor(why), ranges, STRANDED + ": they would become "
                    + why.description() + "; release them before changing the pool"));
        });
        return Validation.invalid(errors, validation.warnings());
    }

    private static String fieldResponsibleFor(Unallocatable why) {
        return switch (why) {
            case OTHER_FAMILY, OUTSIDE_POOL -> "spec.addresses";
            case EXCLUDED -> "spec.excludedAddresses";
            case RESERVED -> "spec.allocateReservedIPAddresses";
            case GATEWAY -> "spec.gateway";
        };
    }

    private static List<String> warnings(AddressPool pool, AddressPoolSpec spec, List<NumberedEntry> addresses,
            List<NumberedEntry> excluded) {
        List<String> warnings = new ArrayList<>();
        if (spec.prefix() == 0) {
            warnings.add("spec.prefix 0 gives every allocated address the whole address space " + pool.network()
                    + " as its network; machines will treat every address as on-link");
        }
        DubiousEntries.ipv4Mapped("spec.addresses", addresses, warnings);
        DubiousEntries.ipv4Mapped("spec.excludedAddresses", excluded, warnings);
        DubiousEntries.unalignedCidrs("spec.addresses", addresses, "are handed out too", warnings);
        DubiousEntries.unalignedCidrs("spec.excludedAddresses", excluded, "are excluded too", warnings);
        DubiousEntries.unspecified(pool.family(), pool.allocatable().contains(U128.ZERO), "as an address").ifPresent(warnings::add);
        DubiousEntries.saturatedCounts(pool.total(), "addresses").ifPresent(warnings::add);
        pool.gateway().filter(g -> !pool.network().contains(g)).ifPresent(g -> warnings.add(
                "spec.gateway " + g + " lies outside the pool's network " + pool.network() + "; accepted as an off-link gateway"));
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

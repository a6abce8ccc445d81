package dev.clusteripam.core.pool;

import dev.clusteripam.core.interval.IntervalSet;
import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpFamily;
import dev.clusteripam.core.ip.IpFormatException;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.ip.U128;
import dev.clusteripam.core.pool.AddressPoolValidator.NumberedEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The admission rules for IPv6 prefix pools (SPEC 1 and 2.10), shared by webhook, CLI and controller. */
public final class PrefixPoolValidator {

    /** Upstream's words when an update would strand allocated prefixes; its tests look for them. */
    static final String STRANDED = "existing allocations become non-allocatable";

    private PrefixPoolValidator() {
    }

    public static Validation<PrefixPool> validate(PrefixPoolSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        int length = spec.effectiveAllocationPrefixLength();
        boolean lengthValid = length >= 1 && length <= 128;
        if (!lengthValid) {
            errors.add(new FieldError("spec.allocationPrefixLength", Integer.toString(length), "must be between 1 and 128"));
        }
        PoolLimits.requireAtMostMaxEntries("spec.prefixes", spec.prefixes(), errors);
        PoolLimits.requireAtMostMaxEntries("spec.excludedPrefixes", spec.excludedPrefixes(), errors);

        if (spec.prefixes().isEmpty()) {
            errors.add(new FieldError("spec.prefixes", "[]", "must list at least one IPv6 CIDR"));
        }
        List<IpPrefix> prefixes = new ArrayList<>();
        for (int i = 0; i < spec.prefixes().size(); i++) {
            String text = spec.prefixes().get(i);
            String field = "spec.prefixes[" + i + "]";
            IpPrefix prefix;
            try {
                prefix = IpPrefix.parse(text);
            } catch (IpFormatException e) {
                errors.add(new FieldError(field, text, "is not a valid IPv6 CIDR: " + e.getMessage()));
                continue;
            }
            if (prefix.family() != IpFamily.IPV6) {
                errors.add(new FieldError(field, text, "is IPv4; prefix pools hand out IPv6 prefixes only"));
                continue;
            }
            if (!prefix.isNetworkAligned()) {
                errors.add(new FieldError(field, text, "is not network-aligned; the network is " + prefix.network()));
            }
            if (lengthValid && prefix.length() > length) {
                errors.add(new FieldError(field, text, "is longer than spec.allocationPrefixLength (" + length + ")"));
            }
            prefixes.add(prefix.network());
        }

        Optional<IpAddress> gateway = Optional.empty();
        if (spec.gateway().isPresent() && !spec.gateway().get().isEmpty()) {
            String text = spec.gateway().get();
            try {
                IpAddress parsed = IpAddress.parse(text);
                if (parsed.family() != IpFamily.IPV6) {
                    errors.add(new FieldError("spec.gateway", text, "is IPv4; a prefix pool's gateway must be IPv6"));
                } else {
                    gateway = Optional.of(parsed);
                }
            } catch (IpFormatException e) {
                errors.add(new FieldError("spec.gateway", text, "is not a valid IP address: " + e.getMessage()));
            }
        }

        List<NumberedEntry> excluded = AddressPoolValidator.parseEntries("spec.excludedPrefixes", spec.excludedPrefixes(), errors);
        AddressPoolValidator.requireFamily("spec.excludedPrefixes", excluded, IpFamily.IPV6, errors);

        if (!errors.isEmpty()) {
            return Validation.invalid(errors, List.of());
        }
        IntervalSet excludedAddresses = AddressPoolValidator.toIntervals(excluded);
        PrefixPool pool = new PrefixPool(prefixes, length, excludedAddresses, gateway);
        return Validation.valid(pool, warnings(pool, excluded));
    }

    /**
     * The rules for an update: those of {@link #validate}, the allocation length unchanged, and no
     * allocated sub-prefix may become one the new spec would not hand out.
     *
     * @param oldSpec the spec before the update
     * @param allocated the sub-prefixes of every IPAddress that names the pool
     */
    public static Validation<PrefixPool> validateUpdate(PrefixPoolSpec oldSpec, PrefixPoolSpec spec, Collection<IpPrefix> allocated) {
        Validation<PrefixPool> validation = validate(spec);
        List<FieldError> errors = new ArrayList<>(validation.errors());
        if (oldSpec.effectiveAllocationPrefixLength() != spec.effectiveAllocationPrefixLength()) {
            errors.add(new FieldError("spec.allocationPrefixLength", Integer.toString(spec.effectiveAllocationPrefixLength()),
                    "is immutable (it was " + oldSpec.effectiveAllocationPrefixLength() + ")"));
        }
        if (validation.isValid()) {
            PrefixPool pool = validation.model().orElseThrow();
            Map<Unallocatable, List<IpPrefix>> stranded = new EnumMap<>(Unallocatable.class);
            for (IpPrefix prefix : allocated) {
                pool.whyNotAllocatable(prefix).ifPresent(why -> stranded.computeIfAbsent(why, k -> new ArrayList<>()).add(prefix));
            }
            stranded.forEach((why, prefixes) -> errors.add(new FieldError(
                    why == Unallocatable.EXCLUDED ? "spec.excludedPrefixes" : "spec.prefixes",
                    PrefixRuns.of(prefixes).stream().map(PrefixRuns.Run::toString).collect(Collectors.joining(", ")),
                    STRANDED + ": these allocated prefixes would become " + why.description()
                            + "; release them before changing the pool")));
        }
        return errors.isEmpty() ? validation : Validation.invalid(errors, validation.warnings());
    }

    private static List<String> warnings(PrefixPool pool, List<NumberedEntry> excluded) {
        List<String> warnings = new ArrayList<>();
        DubiousEntries.ipv4Mapped("spec.excludedPrefixes", excluded, warnings);
        DubiousEntries.unalignedCidrs("spec.excludedPrefixes", excluded, "are excluded too", warnings);
        DubiousEntries.unspecified(IpFamily.IPV6, pool.allocatableBlocks().contains(U128.ZERO),
                "the sub-prefix " + pool.prefixOf(U128.ZERO) + ", whose base is").ifPresent(warnings::add);
        DubiousEntries.saturatedCounts(pool.total(), "sub-prefixes").ifPresent(warnings::add);
        if (pool.allocationPrefixLength() == 128) {
            warnings.add("spec.allocationPrefixLength 128 hands out single addresses; an InClusterIPPool may suit better");
        }
        pool.gateway().filter(pool::covers).ifPresent(g -> warnings.add(
                "spec.gateway " + g + " lies inside spec.prefixes; it is not reserved and may fall inside an allocated prefix"));
        return warnings;
    }
}

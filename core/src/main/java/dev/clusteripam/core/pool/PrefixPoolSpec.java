package dev.clusteripam.core.pool;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The spec of an {@code InClusterPrefixPool} or {@code GlobalInClusterPrefixPool}, as written.
 * An absent (or zero) {@code allocationPrefixLength} means the default, 64.
 */
public record PrefixPoolSpec(
        List<String> prefixes,
        OptionalInt allocationPrefixLength,
        List<String> excludedPrefixes,
        Optional<String> gateway) {

    public static final int DEFAULT_ALLOCATION_PREFIX_LENGTH = 64;

    public PrefixPoolSpec {
        prefixes = List.copyOf(prefixes);
        Objects.requireNonNull(allocationPrefixLength, "allocationPrefixLength");
        excludedPrefixes = List.copyOf(excludedPrefixes);
        Objects.requireNonNull(gateway, "gateway");
    }

    public static PrefixPoolSpec of(List<String> prefixes, int allocationPrefixLength) {
        return new PrefixPoolSpec(prefixes, OptionalInt.of(allocationPrefixLength), List.of(), Optional.empty());
    }

    public PrefixPoolSpec withExcludedPrefixes(List<String> excluded) {
        return new PrefixPoolSpec(prefixes, allocationPrefixLength, excluded, gateway);
    }

    public PrefixPoolSpec withGateway(String newGateway) {
        return new PrefixPoolSpec(prefixes, allocationPrefixLength, excludedPrefixes, Optional.of(newGateway));
    }

    /** The length every allocated sub-prefix gets, with the default applied. */
    public int effectiveAllocationPrefixLength() {
        int length = allocationPrefixLength.orElse(0);
        return length == 0 ? DEFAULT_ALLOCATION_PREFIX_LENGTH : length;
    }
}

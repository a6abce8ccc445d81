package dev.clusteripam.core.pool;

import java.util.List;

/**
 * Bounds on what a pool spec may hold, beyond anything upstream's webhook checks: the CRDs declare
 * them (so that the API server can afford a CEL rule on every entry) and the validator applies them
 * too, so that the offline {@code validate} refuses exactly what admission refuses. No real pool
 * comes near them (config/crd/README.md).
 */
public final class PoolLimits {

    /** The most entries in one list of a spec ({@code addresses}, {@code prefixes}, the exclusions). */
    public static final int MAX_ENTRIES = 10_000;

    /** The most items of an IP pool's {@code spec.subnets}. */
    public static final int MAX_SUBNETS = 32;

    /**
     * The most entries in one list of an item of {@code spec.subnets}: the API server estimates the
     * cost of a rule on an entry from the most entries of every subnet together, so that these lists
     * are shorter than the top-level ones (config/crd/README.md).
     */
    public static final int MAX_SUBNET_ENTRIES = 256;

    /**
     * The longest entry, in characters. The longest text our parser accepts is a range of two IPv6
     * addresses with embedded dotted quads, 91 characters.
     */
    public static final int MAX_ENTRY_LENGTH = 128;

    private PoolLimits() {
    }

    /** An error naming {@code field} when {@code entries} has more than {@link #MAX_ENTRIES}. */
    static void requireAtMostMaxEntries(String field, List<String> entries, List<FieldError> errors) {
        requireAtMost(MAX_ENTRIES, field, entries, errors);
    }

    /** An error naming {@code field} when {@code items} has more than {@code limit}. */
    static void requireAtMost(int limit, String field, List<?> items, List<FieldError> errors) {
        if (items.size() > limit) {
            errors.add(new FieldError(field, items.size() + " entries", "must have at most " + limit + " items"));
        }
    }
}

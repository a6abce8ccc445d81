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

    /**
     * The longest entry, in characters. The longest text our parser accepts is a range of two IPv6
     * addresses with embedded dotted quads, 91 characters.
     */
    public static final int MAX_ENTRY_LENGTH = 128;

    private PoolLimits() {
    }

    /** An error naming {@code field} when {@code entries} has more than {@link #MAX_ENTRIES}. */
    static void requireAtMostMaxEntries(String field, List<String> entries, List<FieldError> errors) {
        if (entries.size() > MAX_ENTRIES) {
            errors.add(new FieldError(field, entries.size() + " entries", "must have at most " + MAX_ENTRIES + " items"));
        }
    }
}

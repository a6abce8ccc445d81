package dev.clusteripam.core.overlap;

import java.util.Locale;

/** What the provider does about pools that share addresses ({@code --overlapping-pools}). */
public enum OverlapPolicy {
    /** Admit them with a warning; report them on the pools' {@code Overlapping} condition and in metrics. */
    WARN,
    /** Refuse, at admission, a pool that shares addresses with another. */
    REFUSE,
    /** Admit them with a warning, and never hand out one address from two pools (the ledger decides). */
    EXCLUSIVE;

    /** Whether admission refuses an overlapping pool. */
    public boolean refusesOverlaps() {
        return this == REFUSE;
    }

    /** As the flag spells it. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}

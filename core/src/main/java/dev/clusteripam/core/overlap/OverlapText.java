package dev.clusteripam.core.overlap;

import dev.clusteripam.core.ip.IpRange;
import dev.clusteripam.core.text.Excerpt;
import java.util.List;

/**
 * Overlaps as text for a condition, an admission warning or a refusal. A pool can share thousands
 * of ranges with hundreds of pools; the text names a few of each and how many more there are, and
 * is bounded as every message we send back.
 */
public final class OverlapText {

    /** How many other pools a text names. */
    public static final int MAX_POOLS = 5;

    /** How many shared ranges a text names per other pool. */
    public static final int MAX_RANGES = 3;

    private OverlapText() {
    }

    /** {@code "10.0.0.5-10.0.0.9, 10.0.0.20 with InClusterIPPool/ns/b"}. */
    public static String describe(Overlap<?> overlap) {
        return ranges(overlap) + " with " + Excerpt.of(String.valueOf(overlap.other()));
    }

    /** The shared ranges, the first {@link #MAX_RANGES} of them: {@code "10.0.0.5-10.0.0.9, 10.0.0.20 and 4 more"}. */
    public static String ranges(Overlap<?> overlap) {
        return Excerpt.list(overlap.ranges().stream().map(IpRange::toString).toList(), MAX_RANGES);
    }

    /** Every overlap described, joined by "; " and bounded (see {@link Excerpt#ofMessage}). */
    public static String describe(List<? extends Overlap<?>> overlaps) {
        List<String> each = overlaps.stream().map(OverlapText::describe).toList();
        return Excerpt.ofMessage(String.join("; ", each.subList(0, Math.min(MAX_POOLS, each.size())))
                + (each.size() > MAX_POOLS ? "; and " + (each.size() - MAX_POOLS) + " more pools" : ""));
    }
}

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
        List<String> ranges = overlap.ranges().stream().map(IpRange::toString).toList();
        return Excerpt.list(ranges, MAX_RANGES) + " with " + Excerpt.of(String.valueOf(overlap.other()));
    }

    /** Every overlap described, joined by "; " and bounded (see {@link Excerpt#ofMessage}). */
    public static String describe(List<? extends Overlap<?>> overlaps) {
        List<String> each = overlaps.stream().map(OverlapText::describe).toList();
        return Excerpt.ofMessage(String.join("; ", each.subList(0, Math.min(MAX_POOLS, each.size())))
                + (each.size() > MAX_POOLS ? "; and " + (each.size() - MAX_POOLS) + " more pools" : ""));
    }
}

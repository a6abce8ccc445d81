package dev.clusteripam.api.ipam.v1alpha2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/**
 * How many sub-prefixes a prefix pool has, hands out and has left; the JSON field is {@code ipAddresses}
 * as in IP pools. Counts beyond the int64 range report its maximum.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class PrefixCounts {

    @JsonProperty("total")
    @JsonPropertyDescription("How many sub-prefixes of allocationPrefixLength the pool can hand out: those"
            + " inside prefixes that overlap no excluded prefix.")
    @Required
    private Long total;

    @JsonProperty("free")
    @JsonPropertyDescription("How many sub-prefixes the pool can still hand out: total minus the used sub-prefixes"
            + " that are in range; never negative.")
    @Required
    private Long free;

    @JsonProperty("used")
    @JsonPropertyDescription("How many IPAddresses name this pool, whether or not the pool would still hand out"
            + " their sub-prefix.")
    @Required
    private Long used;

    @JsonProperty("outOfRange")
    @JsonPropertyDescription("How many of the used sub-prefixes the current spec would not hand out: outside"
            + " prefixes, overlapping an excluded prefix, or of another length.")
    @Required
    private Long outOfRange;

    public PrefixCounts() {
    }

    public PrefixCounts(long total, long free, long used, long outOfRange) {
        this.total = total;
        this.free = free;
        this.used = used;
        this.outOfRange = outOfRange;
    }

    public Long getTotal() {
        return total;
    }

    public void setTotal(Long total) {
        this.total = total;
    }

    public Long getFree() {
        return free;
    }

    public void setFree(Long free) {
        this.free = free;
    }

    public Long getUsed() {
        return used;
    }

    public void setUsed(Long used) {
        this.used = used;
    }

    public Long getOutOfRange() {
        return outOfRange;
    }

    public void setOutOfRange(Long outOfRange) {
        this.outOfRange = outOfRange;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrefixCounts other
                && Objects.equals(total, other.total)
                && Objects.equals(free, other.free)
                && Objects.equals(used, other.used)
                && Objects.equals(outOfRange, other.outOfRange);
    }

    @Override
    public int hashCode() {
        return Objects.hash(total, free, used, outOfRange);
    }

    @Override
    public String toString() {
        return "PrefixCounts{total=" + total + ", free=" + free + ", used=" + used + ", outOfRange=" + outOfRange
                + "}";
    }
}

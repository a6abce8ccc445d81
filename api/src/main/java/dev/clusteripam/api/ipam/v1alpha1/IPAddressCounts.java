package dev.clusteripam.api.ipam.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Objects;

/** How many addresses an IP pool has, hands out and has left. Counts beyond the int64 range report its maximum. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class IPAddressCounts {

    @JsonProperty("total")
    @JsonPropertyDescription("How many addresses the pool can hand out: its addresses minus the excluded ones, the"
            + " gateway and (unless allowed) the reserved ones.")
    @Required
    private Long total;

    @JsonProperty("free")
    @JsonPropertyDescription("How many addresses the pool can still hand out: total minus the used addresses that"
            + " are in range; never negative.")
    @Required
    private Long free;

    @JsonProperty("used")
    @JsonPropertyDescription("How many IPAddresses name this pool, whether or not the pool would still hand out"
            + " their address.")
    @Required
    private Long used;

    @JsonProperty("outOfRange")
    @JsonPropertyDescription("How many of the used addresses the current spec would not hand out: outside"
            + " addresses, or now excluded, reserved or the gateway.")
    @Required
    private Long outOfRange;

    public IPAddressCounts() {
    }

    public IPAddressCounts(long total, long free, long used, long outOfRange) {
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
        return o instanceof IPAddressCounts other
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
        return "IPAddressCounts{total=" + total + ", free=" + free + ", used=" + used + ", outOfRange=" + outOfRange
                + "}";
    }
}

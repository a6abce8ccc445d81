package dev.clusteripam.api.ipam.v1alpha2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

/**
 * How many addresses one subnet of an IP pool has, hands out and has left; the pool's
 * {@code status.subnets} lists one per subnet when it has {@code spec.subnets}. Counts beyond the
 * int64 range report its maximum.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class IPSubnetCounts {

    @JsonProperty("subnet")
    @JsonPropertyDescription("Which subnet: spec for the pool's top-level fields (its first subnet), spec.subnets[i]"
            + " for an item of spec.subnets.")
    @Required
    @Size(max = 64)
    private String subnet;

    @JsonProperty("network")
    @JsonPropertyDescription("The subnet's network (its lowest address with its prefix), as in 10.0.1.0/24.")
    @Required
    @Size(max = 64)
    private String network;

    @JsonProperty("total")
    @JsonPropertyDescription("How many addresses the subnet can hand out: its addresses minus the excluded ones, the"
            + " pool's gateways and (unless allowed) its network's reserved ones.")
    @Required
    private Long total;

    @JsonProperty("free")
    @JsonPropertyDescription("How many addresses the subnet can still hand out: total minus used.")
    @Required
    private Long free;

    @JsonProperty("used")
    @JsonPropertyDescription("How many IPAddresses of the pool hold an address the subnet hands out. IPAddresses whose"
            + " address no subnet would hand out count in status.ipAddresses.outOfRange, not here.")
    @Required
    private Long used;

    public IPSubnetCounts() {
    }

    public IPSubnetCounts(String subnet, String network, long total, long free, long used) {
        this.subnet = subnet;
        this.network = network;
        this.total = total;
        this.free = free;
        this.used = used;
    }

    public String getSubnet() {
        return subnet;
    }

    public void setSubnet(String subnet) {
        this.subnet = subnet;
    }

    public String getNetwork() {
        return network;
    }

    public void setNetwork(String network) {
        this.network = network;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof IPSubnetCounts other
                && Objects.equals(subnet, other.subnet)
                && Objects.equals(network, other.network)
                && Objects.equals(total, other.total)
                && Objects.equals(free, other.free)
                && Objects.equals(used, other.used);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subnet, network, total, free, used);
    }

    @Override
    public String toString() {
        return "IPSubnetCounts{subnet=" + subnet + ", network=" + network + ", total=" + total + ", free=" + free
                + ", used=" + used + "}";
    }
}

package dev.clusteripam.api.ipam.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.clusteripam.api.ipam.CelRules;
import dev.clusteripam.api.ipam.ListEntries;
import io.fabric8.generator.annotation.Max;
import java.util.List;
import java.util.Objects;

/**
 * The {@code v1alpha1} spec of an {@link InClusterIPPool} or a {@link GlobalInClusterIPPool}: either
 * {@code addresses}, or a {@code subnet} with optional {@code start} and {@code end}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class InClusterIPPoolSpec {

    @JsonProperty("addresses")
    @JsonPropertyDescription("The addresses the pool hands out, as single addresses, ranges (first-last) or CIDRs;"
            + " leave empty when subnet, or start and end, are given.")
    @ListEntries(maxLength = CelRules.ENTRY_MAX_LENGTH, maxItems = CelRules.ENTRIES_MAX_ITEMS,
            rule = CelRules.IS_ADDRESS_RANGE_OR_CIDR, message = CelRules.IS_ADDRESS_RANGE_OR_CIDR_MESSAGE,
            messageExpression = CelRules.IS_ADDRESS_RANGE_OR_CIDR_MESSAGE_EXPRESSION)
    private List<String> addresses;

    @JsonProperty("subnet")
    @JsonPropertyDescription("The network to hand out addresses from, as a CIDR; may be left out when start, end"
            + " and prefix are given, or when addresses are.")
    private String subnet;

    @JsonProperty("start")
    @JsonPropertyDescription("The first address to hand out; by default the second address of subnet.")
    private String start;

    @JsonProperty("end")
    @JsonPropertyDescription("The last address to hand out, after start and in the same network; by default the"
            + " last but one address of subnet.")
    private String end;

    @JsonProperty("prefix")
    @JsonPropertyDescription("The prefix length given to every allocated address; by default that of subnet.")
    @Max(128)
    private Integer prefix;

    @JsonProperty("gateway")
    @JsonPropertyDescription("The gateway given to every allocated address.")
    private String gateway;

    public InClusterIPPoolSpec() {
    }

    public List<String> getAddresses() {
        return addresses;
    }

    public void setAddresses(List<String> addresses) {
        this.addresses = addresses;
    }

    public String getSubnet() {
        return subnet;
    }

    public void setSubnet(String subnet) {
        this.subnet = subnet;
    }

    public String getStart() {
        return start;
    }

    public void setStart(String start) {
        this.start = start;
    }

    public String getEnd() {
        return end;
    }

    public void setEnd(String end) {
        this.end = end;
    }

    public Integer getPrefix() {
        return prefix;
    }

    public void setPrefix(Integer prefix) {
        this.prefix = prefix;
    }

    public String getGateway() {
        return gateway;
    }

    public void setGateway(String gateway) {
        this.gateway = gateway;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InClusterIPPoolSpec other
                && Objects.equals(addresses, other.addresses)
                && Objects.equals(subnet, other.subnet)
                && Objects.equals(start, other.start)
                && Objects.equals(end, other.end)
                && Objects.equals(prefix, other.prefix)
                && Objects.equals(gateway, other.gateway);
    }

    @Override
    public int hashCode() {
        return Objects.hash(addresses, subnet, start, end, prefix, gateway);
    }

    @Override
    public String toString() {
        return "InClusterIPPoolSpec{addresses=" + addresses + ", subnet=" + subnet + ", start=" + start + ", end="
                + end + ", prefix=" + prefix + ", gateway=" + gateway + "}";
    }
}

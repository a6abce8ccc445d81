package dev.clusteripam.api.ipam.v1alpha2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.clusteripam.api.ipam.CelRules;
import dev.clusteripam.api.ipam.ListEntries;
import dev.clusteripam.core.pool.AddressSubnetSpec;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of an IP pool's {@code spec.subnets}: a further subnet, with its own addresses, prefix,
 * gateway and exclusions, served after the pool's top-level fields and the items before it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class InClusterIPPoolSubnet {

    @JsonProperty("addresses")
    @JsonPropertyDescription("The addresses this subnet hands out, in the forms of spec.addresses (addresses, ranges,"
            + " CIDRs), of the pool's IP family, inside one network of length prefix, and sharing no address with the"
            + " pool's other subnets.")
    @Required
    @Size(min = 1)
    @ListEntries(maxLength = CelRules.ENTRY_MAX_LENGTH, maxItems = CelRules.SUBNET_ENTRIES_MAX_ITEMS,
            rule = CelRules.IS_ADDRESS_RANGE_OR_CIDR, message = CelRules.IS_ADDRESS_RANGE_OR_CIDR_MESSAGE,
            messageExpression = CelRules.IS_ADDRESS_RANGE_OR_CIDR_MESSAGE_EXPRESSION)
    private List<String> addresses;

    @JsonProperty("prefix")
    @JsonPropertyDescription("The prefix length of this subnet's network, given to every address it hands out. The"
            + " network is that of its lowest address with this length; its reserved addresses are that network's.")
    @Required
    @Min(0)
    @Max(128)
    private Integer prefix;

    @JsonProperty("gateway")
    @JsonPropertyDescription("The gateway given to every address this subnet hands out. No subnet of the pool hands"
            + " it out; it may lie outside the subnet's network.")
    @Size(max = CelRules.ENTRY_MAX_LENGTH)
    @ValidationRule(value = CelRules.GATEWAY_IS_IP, message = CelRules.SUBNET_GATEWAY_IS_IP_MESSAGE,
            messageExpression = CelRules.SUBNET_GATEWAY_IS_IP_MESSAGE_EXPRESSION)
    private String gateway;

    @JsonProperty("excludedAddresses")
    @JsonPropertyDescription("Addresses of this subnet that are never handed out, in the same forms as addresses.")
    @ListEntries(maxLength = CelRules.ENTRY_MAX_LENGTH, maxItems = CelRules.SUBNET_ENTRIES_MAX_ITEMS,
            rule = CelRules.IS_ADDRESS_RANGE_OR_CIDR, message = CelRules.IS_ADDRESS_RANGE_OR_CIDR_MESSAGE,
            messageExpression = CelRules.IS_ADDRESS_RANGE_OR_CIDR_MESSAGE_EXPRESSION)
    private List<String> excludedAddresses;

    public InClusterIPPoolSubnet() {
    }

    public InClusterIPPoolSubnet(List<String> addresses, int prefix) {
        this.addresses = addresses;
        this.prefix = prefix;
    }

    /** This subnet as the core's pool model reads it: absent lists are empty, an absent prefix is 0, an empty gateway is none. */
    public AddressSubnetSpec toAddressSubnetSpec() {
        return new AddressSubnetSpec(
                addresses == null ? List.of() : addresses,
                prefix == null ? 0 : prefix,
                Optional.ofNullable(gateway).filter(g -> !g.isEmpty()),
                excludedAddresses == null ? List.of() : excludedAddresses);
    }

    public List<String> getAddresses() {
        return addresses;
    }

    public void setAddresses(List<String> addresses) {
        this.addresses = addresses;
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

    public List<String> getExcludedAddresses() {
        return excludedAddresses;
    }

    public void setExcludedAddresses(List<String> excludedAddresses) {
        this.excludedAddresses = excludedAddresses;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InClusterIPPoolSubnet other
                && Objects.equals(addresses, other.addresses)
                && Objects.equals(prefix, other.prefix)
                && Objects.equals(gateway, other.gateway)
                && Objects.equals(excludedAddresses, other.excludedAddresses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(addresses, prefix, gateway, excludedAddresses);
    }

    @Override
    public String toString() {
        return "InClusterIPPoolSubnet{addresses=" + addresses + ", prefix=" + prefix + ", gateway=" + gateway
                + ", excludedAddresses=" + excludedAddresses + "}";
    }
}

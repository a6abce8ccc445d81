package dev.clusteripam.api.ipam.v1alpha2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.clusteripam.api.ipam.CelRules;
import dev.clusteripam.api.ipam.ListEntries;
import dev.clusteripam.core.pool.AddressPoolSpec;
import dev.clusteripam.core.pool.PreAllocations;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The spec of an {@link InClusterIPPool} or a {@link GlobalInClusterIPPool}: which addresses it
 * hands out, and how.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class InClusterIPPoolSpec {

    @JsonProperty("addresses")
    @JsonPropertyDescription("The addresses the pool hands out, as any mix of single addresses (10.0.0.5), ranges"
            + " (10.0.1.10-10.0.1.100) and CIDRs (10.0.0.0/24); they need not be contiguous. All entries are of one"
            + " IP family and lie inside one network of length prefix. With subnets, these are the first subnet.")
    @Required
    @Size(min = 1)
    @ListEntries(maxLength = CelRules.ENTRY_MAX_LENGTH, maxItems = CelRules.ENTRIES_MAX_ITEMS,
            rule = CelRules.IS_ADDRESS_RANGE_OR_CIDR, message = CelRules.IS_ADDRESS_RANGE_OR_CIDR_MESSAGE,
            messageExpression = CelRules.IS_ADDRESS_RANGE_OR_CIDR_MESSAGE_EXPRESSION)
    private List<String> addresses;

    @JsonProperty("prefix")
    @JsonPropertyDescription("The prefix length of the network the addresses belong to, given to every allocated"
            + " address. The network is that of the lowest pool address with this length.")
    @Required
    @Min(0)
    @Max(128)
    private Integer prefix;

    @JsonProperty("gateway")
    @JsonPropertyDescription("The gateway given to every allocated address, of the pool's IP family. It is never"
            + " allocated itself and may lie outside the pool's network.")
    // Bounded as every entry is: no valid address is longer, and the rule's message quotes the value.
    @Size(max = CelRules.ENTRY_MAX_LENGTH)
    @ValidationRule(value = CelRules.GATEWAY_IS_IP, message = CelRules.GATEWAY_IS_IP_MESSAGE,
            messageExpression = CelRules.GATEWAY_IS_IP_MESSAGE_EXPRESSION)
    private String gateway;

    @JsonProperty("allocateReservedIPAddresses")
    @JsonPropertyDescription("Whether the reserved addresses of the network may be allocated: for IPv4 the network"
            + " (first) and broadcast (last) address, for IPv6 the subnet-router anycast (first) address. By default"
            + " they are not.")
    private Boolean allocateReservedIPAddresses;

    @JsonProperty("excludedAddresses")
    @JsonPropertyDescription("Addresses that are never allocated, in the same forms as addresses.")
    @ListEntries(maxLength = CelRules.ENTRY_MAX_LENGTH, maxItems = CelRules.ENTRIES_MAX_ITEMS,
            rule = CelRules.IS_ADDRESS_RANGE_OR_CIDR, message = CelRules.IS_ADDRESS_RANGE_OR_CIDR_MESSAGE,
            messageExpression = CelRules.IS_ADDRESS_RANGE_OR_CIDR_MESSAGE_EXPRESSION)
    private List<String> excludedAddresses;

    @JsonProperty("addressReuseGracePeriodSeconds")
    @JsonPropertyDescription("How long, in seconds, a released address stays taken after its claim is deleted,"
            + " so that a new machine does not get the address of one that may still be running (and that"
            + " switches' ARP caches may still point to). The deletion of the claim and of its IPAddress waits"
            + " meanwhile. Unset or 0: the address can be reused at once.")
    @Min(0)
    private Integer addressReuseGracePeriodSeconds;

    @JsonProperty("subnets")
    @JsonPropertyDescription("Further subnets of the pool, each with its own addresses, prefix, gateway and excluded"
            + " addresses. The top-level addresses, prefix, gateway and excludedAddresses are the pool's first subnet;"
            + " these are served after it, in list order: a claim gets the lowest free address of the first subnet"
            + " with room, and its IPAddress gets that subnet's prefix and gateway. All subnets are of one IP family"
            + " and share no address; allocateReservedIPAddresses and addressReuseGracePeriodSeconds apply to each.")
    @Size(max = CelRules.SUBNETS_MAX_ITEMS)
    private List<InClusterIPPoolSubnet> subnets;

    @JsonProperty("preAllocations")
    @JsonPropertyDescription("Addresses kept for claims, by claim name: {\"vip\": \"10.0.0.50\"}. A kept address counts"
            + " as used and is never handed to another claim, neither as the next free address nor on request; the"
            + " IPAddressClaim of that name (in a namespace the pool serves) gets it when it comes, whatever its"
            + " requested-address annotation says. Each address must be one the pool hands out (not the gateway,"
            + " excluded or reserved), kept for one claim only, and not held by another claim. Removing an entry"
            + " ends the reservation only: a claim that holds the address keeps it.")
    @Size(max = PreAllocations.MAX_ENTRIES)
    @ValidationRule(value = CelRules.PRE_ALLOCATIONS_BOUNDED, message = CelRules.PRE_ALLOCATIONS_BOUNDED_MESSAGE)
    private Map<String, String> preAllocations;

    public InClusterIPPoolSpec() {
    }

    public InClusterIPPoolSpec(List<String> addresses, int prefix) {
        this.addresses = addresses;
        this.prefix = prefix;
    }

    /**
     * This spec as the core's pool model reads it: absent lists are empty, an absent prefix is 0 and
     * an empty gateway is none, as upstream reads them.
     */
    public AddressPoolSpec toAddressPoolSpec() {
        return new AddressPoolSpec(
                addresses == null ? List.of() : addresses,
                prefix == null ? 0 : prefix,
                Optional.ofNullable(gateway).filter(g -> !g.isEmpty()),
                excludedAddresses == null ? List.of() : excludedAddresses,
                Boolean.TRUE.equals(allocateReservedIPAddresses),
                addressReuseGracePeriodSeconds == null
                        ? OptionalLong.empty()
                        : OptionalLong.of(addressReuseGracePeriodSeconds),
                subnets == null ? List.of() : subnets.stream()
                        .map(subnet -> subnet == null ? new InClusterIPPoolSubnet() : subnet)
                        .map(InClusterIPPoolSubnet::toAddressSubnetSpec).toList());
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

    public Boolean getAllocateReservedIPAddresses() {
        return allocateReservedIPAddresses;
    }

    public void setAllocateReservedIPAddresses(Boolean allocateReservedIPAddresses) {
        this.allocateReservedIPAddresses = allocateReservedIPAddresses;
    }

    public List<String> getExcludedAddresses() {
        return excludedAddresses;
    }

    public void setExcludedAddresses(List<String> excludedAddresses) {
        this.excludedAddresses = excludedAddresses;
    }

    public Integer getAddressReuseGracePeriodSeconds() {
        return addressReuseGracePeriodSeconds;
    }

    public void setAddressReuseGracePeriodSeconds(Integer addressReuseGracePeriodSeconds) {
        this.addressReuseGracePeriodSeconds = addressReuseGracePeriodSeconds;
    }

    public List<InClusterIPPoolSubnet> getSubnets() {
        return subnets;
    }

    public void setSubnets(List<InClusterIPPoolSubnet> subnets) {
        this.subnets = subnets;
    }

    public Map<String, String> getPreAllocations() {
        return preAllocations;
    }

    public void setPreAllocations(Map<String, String> preAllocations) {
        this.preAllocations = preAllocations;
    }

    /** {@code spec.preAllocations} as core reads it: absent is empty. */
    public Map<String, String> preAllocationsOrEmpty() {
        return preAllocations == null ? Map.of() : preAllocations;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InClusterIPPoolSpec other
                && Objects.equals(addresses, other.addresses)
                && Objects.equals(prefix, other.prefix)
                && Objects.equals(gateway, other.gateway)
                && Objects.equals(allocateReservedIPAddresses, other.allocateReservedIPAddresses)
                && Objects.equals(excludedAddresses, other.excludedAddresses)
                && Objects.equals(addressReuseGracePeriodSeconds, other.addressReuseGracePeriodSeconds)
                && Objects.equals(subnets, other.subnets)
                && Objects.equals(preAllocations, other.preAllocations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(addresses, prefix, gateway, allocateReservedIPAddresses, excludedAddresses,
                addressReuseGracePeriodSeconds, subnets, preAllocations);
    }

    @Override
    public String toString() {
        return "InClusterIPPoolSpec{addresses=" + addresses + ", prefix=" + prefix + ", gateway=" + gateway
                + ", allocateReservedIPAddresses=" + allocateReservedIPAddresses + ", excludedAddresses="
                + excludedAddresses + ", addressReuseGracePeriodSeconds=" + addressReuseGracePeriodSeconds + ", subnets=" + subnets
                + ", preAllocations=" + preAllocations + "}";
    }
}

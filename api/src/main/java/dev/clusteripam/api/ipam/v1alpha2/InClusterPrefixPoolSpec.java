package dev.clusteripam.api.ipam.v1alpha2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.clusteripam.api.ipam.CelRules;
import dev.clusteripam.api.ipam.ListEntries;
import dev.clusteripam.core.pool.PreAllocations;
import dev.clusteripam.core.pool.PrefixPoolSpec;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The spec of an {@link InClusterPrefixPool} or a {@link GlobalInClusterPrefixPool}: which IPv6
 * sub-prefixes it hands out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class InClusterPrefixPoolSpec {

    @JsonProperty("prefixes")
    @JsonPropertyDescription("The IPv6 networks sub-prefixes are carved from, as CIDRs aligned to their length"
            + " (fd00::/48), none longer than allocationPrefixLength.")
    @Required
    @Size(min = 1)
    @ListEntries(maxLength = CelRules.ENTRY_MAX_LENGTH, maxItems = CelRules.ENTRIES_MAX_ITEMS,
            rule = CelRules.IS_CIDR, message = CelRules.IS_CIDR_MESSAGE,
            messageExpression = CelRules.IS_CIDR_MESSAGE_EXPRESSION)
    private List<String> prefixes;

    @JsonProperty("allocationPrefixLength")
    @JsonPropertyDescription("The length of every sub-prefix handed out, 64 for /64 sub-prefixes. It cannot be"
            + " changed once the pool exists.")
    @Default("64")
    @Min(1)
    @Max(128)
    @ValidationRule(value = CelRules.IMMUTABLE, message = CelRules.ALLOCATION_PREFIX_LENGTH_IMMUTABLE_MESSAGE)
    private Integer allocationPrefixLength;

    @JsonProperty("gateway")
    @JsonPropertyDescription("The IPv6 gateway given to every allocated sub-prefix. Unlike in an IP pool it"
            + " blocks nothing: a sub-prefix containing it is handed out too.")
    // Bounded as every entry is: no valid address is longer, and the rule's message quotes the value.
    @Size(max = CelRules.ENTRY_MAX_LENGTH)
    @ValidationRule(value = CelRules.GATEWAY_IS_IPV6, message = CelRules.GATEWAY_IS_IPV6_MESSAGE,
            messageExpression = CelRules.GATEWAY_IS_IPV6_MESSAGE_EXPRESSION)
    private String gateway;

    @JsonProperty("excludedPrefixes")
    @JsonPropertyDescription("IPv6 addresses, ranges (fd00::1-fd00::ff) or CIDRs that no allocated sub-prefix may"
            + " overlap.")
    @ListEntries(maxLength = CelRules.ENTRY_MAX_LENGTH, maxItems = CelRules.ENTRIES_MAX_ITEMS,
            rule = CelRules.IS_ADDRESS_RANGE_OR_CIDR, message = CelRules.IS_ADDRESS_RANGE_OR_CIDR_MESSAGE,
            messageExpression = CelRules.IS_ADDRESS_RANGE_OR_CIDR_MESSAGE_EXPRESSION)
    private List<String> excludedPrefixes;

    @JsonProperty("preAllocations")
    @JsonPropertyDescription("Sub-prefixes kept for claims, by claim name: {\"edge\": \"fd00:1:2::/64\"}, each a CIDR of"
            + " allocationPrefixLength. A kept sub-prefix counts as used and is never handed to another claim,"
            + " neither as the next free one nor on request; the IPAddressClaim of that name (in a namespace the"
            + " pool serves) gets it when it comes, whatever its requested-prefix annotation says. Each must be one"
            + " the pool hands out (inside prefixes, not excluded), kept for one claim only, and not held by another"
            + " claim. Removing an entry ends the reservation only: a claim that holds the sub-prefix keeps it.")
    @Size(max = PreAllocations.MAX_ENTRIES)
    @ValidationRule(value = CelRules.PRE_ALLOCATIONS_BOUNDED, message = CelRules.PRE_ALLOCATIONS_BOUNDED_MESSAGE)
    private Map<String, String> preAllocations;

    public InClusterPrefixPoolSpec() {
    }

    public InClusterPrefixPoolSpec(List<String> prefixes, int allocationPrefixLength) {
        this.prefixes = prefixes;
        this.allocationPrefixLength = allocationPrefixLength;
    }

    /**
     * This spec as the core's pool model reads it: absent lists are empty, an absent length is the
     * default and an empty gateway is none, as upstream reads them.
     */
    public PrefixPoolSpec toPrefixPoolSpec() {
        return new PrefixPoolSpec(
                prefixes == null ? List.of() : prefixes,
                allocationPrefixLength == null ? OptionalInt.empty() : OptionalInt.of(allocationPrefixLength),
                excludedPrefixes == null ? List.of() : excludedPrefixes,
                Optional.ofNullable(gateway).filter(g -> !g.isEmpty()));
    }

    public List<String> getPrefixes() {
        return prefixes;
    }

    public void setPrefixes(List<String> prefixes) {
        this.prefixes = prefixes;
    }

    public Integer getAllocationPrefixLength() {
        return allocationPrefixLength;
    }

    public void setAllocationPrefixLength(Integer allocationPrefixLength) {
        this.allocationPrefixLength = allocationPrefixLength;
    }

    public String getGateway() {
        return gateway;
    }

    public void setGateway(String gateway) {
        this.gateway = gateway;
    }

    public List<String> getExcludedPrefixes() {
        return excludedPrefixes;
    }

    public void setExcludedPrefixes(List<String> excludedPrefixes) {
        this.excludedPrefixes = excludedPrefixes;
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
        return o instanceof InClusterPrefixPoolSpec other
                && Objects.equals(prefixes, other.prefixes)
                && Objects.equals(allocationPrefixLength, other.allocationPrefixLength)
                && Objects.equals(gateway, other.gateway)
                && Objects.equals(excludedPrefixes, other.excludedPrefixes)
                && Objects.equals(preAllocations, other.preAllocations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefixes, allocationPrefixLength, gateway, excludedPrefixes, preAllocations);
    }

    @Override
    public String toString() {
        return "InClusterPrefixPoolSpec{prefixes=" + prefixes + ", allocationPrefixLength=" + allocationPrefixLength
                + ", gateway=" + gateway + ", excludedPrefixes=" + excludedPrefixes + ", preAllocations=" + preAllocations + "}";
    }
}

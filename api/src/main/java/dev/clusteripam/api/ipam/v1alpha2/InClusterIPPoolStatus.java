package dev.clusteripam.api.ipam.v1alpha2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.clusteripam.api.capi.Condition;
import dev.clusteripam.api.ipam.CelRules;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Objects;

/** The observed state of an {@link InClusterIPPool} or a {@link GlobalInClusterIPPool}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class InClusterIPPoolStatus {

    @JsonProperty("ipAddresses")
    @JsonPropertyDescription("How many addresses the pool has, hands out and has left.")
    private IPAddressCounts ipAddresses;

    @JsonProperty("subnets")
    @JsonPropertyDescription("The counts of each subnet, in the order served (the top-level fields first), when the"
            + " pool has spec.subnets; ipAddresses holds the pool's totals.")
    @Size(max = CelRules.SUBNETS_MAX_ITEMS + 1)
    private List<IPSubnetCounts> subnets;

    @JsonProperty("conditions")
    @JsonPropertyDescription("The pool's conditions, in Cluster API's v1beta2 form, at most one per type; Ready"
            + " tells whether the pool's spec is valid and it serves claims.")
    @Size(max = 32)
    private List<Condition> conditions;

    public InClusterIPPoolStatus() {
    }

    public IPAddressCounts getIpAddresses() {
        return ipAddresses;
    }

    public void setIpAddresses(IPAddressCounts ipAddresses) {
        this.ipAddresses = ipAddresses;
    }

    public List<IPSubnetCounts> getSubnets() {
        return subnets;
    }

    public void setSubnets(List<IPSubnetCounts> subnets) {
        this.subnets = subnets;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InClusterIPPoolStatus other
                && Objects.equals(ipAddresses, other.ipAddresses)
                && Objects.equals(subnets, other.subnets)
                && Objects.equals(conditions, other.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ipAddresses, subnets, conditions);
    }

    @Override
    public String toString() {
        return "InClusterIPPoolStatus{ipAddresses=" + ipAddresses + ", subnets=" + subnets + ", conditions=" + conditions + "}";
    }
}

package dev.clusteripam.api.ipam.v1alpha2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.clusteripam.api.capi.Condition;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Objects;

/** The observed state of an {@link InClusterPrefixPool} or a {@link GlobalInClusterPrefixPool}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class InClusterPrefixPoolStatus {

    @JsonProperty("ipAddresses")
    @JsonPropertyDescription("How many sub-prefixes the pool has, hands out and has left.")
    private PrefixCounts ipAddresses;

    @JsonProperty("conditions")
    @JsonPropertyDescription("The pool's conditions, in Cluster API's v1beta2 form, at most one per type; Ready"
            + " tells whether the pool's spec is valid and it serves claims.")
    @Size(max = 32)
    private List<Condition> conditions;

    public InClusterPrefixPoolStatus() {
    }

    public PrefixCounts getIpAddresses() {
        return ipAddresses;
    }

    public void setIpAddresses(PrefixCounts ipAddresses) {
        this.ipAddresses = ipAddresses;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InClusterPrefixPoolStatus other
                && Objects.equals(ipAddresses, other.ipAddresses)
                && Objects.equals(conditions, other.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ipAddresses, conditions);
    }

    @Override
    public String toString() {
        return "InClusterPrefixPoolStatus{ipAddresses=" + ipAddresses + ", conditions=" + conditions + "}";
    }
}

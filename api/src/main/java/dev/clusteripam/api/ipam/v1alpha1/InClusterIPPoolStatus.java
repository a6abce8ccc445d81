package dev.clusteripam.api.ipam.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.clusteripam.api.ipam.v1alpha2.IPAddressCounts;
import java.util.Objects;

/** The {@code v1alpha1} observed state of an {@link InClusterIPPool} or a {@link GlobalInClusterIPPool}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class InClusterIPPoolStatus {

    @JsonProperty("ipAddresses")
    @JsonPropertyDescription("How many addresses the pool has, hands out and has left.")
    private IPAddressCounts ipAddresses;

    public InClusterIPPoolStatus() {
    }

    public IPAddressCounts getIpAddresses() {
        return ipAddresses;
    }

    public void setIpAddresses(IPAddressCounts ipAddresses) {
        this.ipAddresses = ipAddresses;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InClusterIPPoolStatus other && Objects.equals(ipAddresses, other.ipAddresses);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(ipAddresses);
    }

    @Override
    public String toString() {
        return "InClusterIPPoolStatus{ipAddresses=" + ipAddresses + "}";
    }
}

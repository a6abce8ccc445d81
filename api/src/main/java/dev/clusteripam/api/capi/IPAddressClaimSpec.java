package dev.clusteripam.api.capi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** What an {@link IPAddressClaim} asks for: an address from a pool, for a Cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IPAddressClaimSpec extends ObjectWithUnknownFields {

    @JsonProperty("poolRef")
    private IPPoolReference poolRef;

    @JsonProperty("clusterName")
    private String clusterName;

    public IPAddressClaimSpec() {
    }

    public IPPoolReference getPoolRef() {
        return poolRef;
    }

    public void setPoolRef(IPPoolReference poolRef) {
        this.poolRef = poolRef;
    }

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IPAddressClaimSpec other
                && Objects.equals(poolRef, other.poolRef)
                && Objects.equals(clusterName, other.clusterName)
                && getUnknownFields().equals(other.getUnknownFields());
    }

    @Override
    public int hashCode() {
        return Objects.hash(poolRef, clusterName, getUnknownFields());
    }

    @Override
    public String toString() {
        return "IPAddressClaimSpec{poolRef=" + poolRef + ", clusterName=" + clusterName + "}";
    }
}

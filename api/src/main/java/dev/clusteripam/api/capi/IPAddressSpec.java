package dev.clusteripam.api.capi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** The address an {@link IPAddress} holds, for which claim and from which pool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IPAddressSpec extends ObjectWithUnknownFields {

    @JsonProperty("claimRef")
    private IPAddressClaimReference claimRef;

    @JsonProperty("poolRef")
    private IPPoolReference poolRef;

    /** The address in canonical text; for a prefix pool, the first address of the sub-prefix. */
    @JsonProperty("address")
    private String address;

    /** The prefix length: the pool's network for an address, the sub-prefix's length for a prefix. */
    @JsonProperty("prefix")
    private Integer prefix;

    @JsonProperty("gateway")
    private String gateway;

    public IPAddressSpec() {
    }

    public IPAddressClaimReference getClaimRef() {
        return claimRef;
    }

    public void setClaimRef(IPAddressClaimReference claimRef) {
        this.claimRef = claimRef;
    }

    public IPPoolReference getPoolRef() {
        return poolRef;
    }

    public void setPoolRef(IPPoolReference poolRef) {
        this.poolRef = poolRef;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
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
        return o instanceof IPAddressSpec other
                && Objects.equals(claimRef, other.claimRef)
                && Objects.equals(poolRef, other.poolRef)
                && Objects.equals(address, other.address)
                && Objects.equals(prefix, other.prefix)
                && Objects.equals(gateway, other.gateway)
                && getUnknownFields().equals(other.getUnknownFields());
    }

    @Override
    public int hashCode() {
        return Objects.hash(claimRef, poolRef, address, prefix, gateway, getUnknownFields());
    }

    @Override
    public String toString() {
        return "IPAddressSpec{claimRef=" + claimRef + ", poolRef=" + poolRef + ", address=" + address + ", prefix="
                + prefix + ", gateway=" + gateway + "}";
    }
}

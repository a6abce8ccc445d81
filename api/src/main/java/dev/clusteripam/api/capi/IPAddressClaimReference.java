package dev.clusteripam.api.capi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The claim an IPAddress was made for: {@code spec.claimRef}. Both live in one namespace, so the
 * name is all there is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IPAddressClaimReference extends ObjectWithUnknownFields {

    @JsonProperty("name")
    private String name;

    public IPAddressClaimReference() {
    }

    public IPAddressClaimReference(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IPAddressClaimReference other
                && Objects.equals(name, other.name)
                && getUnknownFields().equals(other.getUnknownFields());
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, getUnknownFields());
    }

    @Override
    public String toString() {
        return "IPAddressClaimReference{name=" + name + "}";
    }
}

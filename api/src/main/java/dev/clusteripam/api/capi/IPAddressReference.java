package dev.clusteripam.api.capi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The IPAddress made for an IPAddressClaim: {@code status.addressRef}. Both live in one namespace,
 * so the name is all there is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IPAddressReference extends ObjectWithUnknownFields {

    @JsonProperty("name")
    private String name;

    public IPAddressReference() {
    }

    public IPAddressReference(String name) {
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
        return o instanceof IPAddressReference other
                && Objects.equals(name, other.name)
                && getUnknownFields().equals(other.getUnknownFields());
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, getUnknownFields());
    }

    @Override
    public String toString() {
        return "IPAddressReference{name=" + name + "}";
    }
}

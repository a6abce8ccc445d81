package dev.clusteripam.api.capi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/** How an {@link IPAddressClaim} was served: the IPAddress made for it, and its conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IPAddressClaimStatus extends ObjectWithUnknownFields {

    @JsonProperty("addressRef")
    private IPAddressReference addressRef;

    @JsonProperty("conditions")
    private List<Condition> conditions;

    public IPAddressClaimStatus() {
    }

    public IPAddressReference getAddressRef() {
        return addressRef;
    }

    public void setAddressRef(IPAddressReference addressRef) {
        this.addressRef = addressRef;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IPAddressClaimStatus other
                && Objects.equals(addressRef, other.addressRef)
                && Objects.equals(conditions, other.conditions)
                && getUnknownFields().equals(other.getUnknownFields());
    }

    @Override
    public int hashCode() {
        return Objects.hash(addressRef, conditions, getUnknownFields());
    }

    @Override
    public String toString() {
        return "IPAddressClaimStatus{addressRef=" + addressRef + ", conditions=" + conditions + "}";
    }
}

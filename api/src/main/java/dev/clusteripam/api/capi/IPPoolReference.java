package dev.clusteripam.api.capi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** The pool an IPAddressClaim asks for, or an IPAddress came from: {@code spec.poolRef}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IPPoolReference extends ObjectWithUnknownFields {

    @JsonProperty("apiGroup")
    private String apiGroup;

    @JsonProperty("kind")
    private String kind;

    @JsonProperty("name")
    private String name;

    public IPPoolReference() {
    }

    public IPPoolReference(String apiGroup, String kind, String name) {
        this.apiGroup = apiGroup;
        this.kind = kind;
        this.name = name;
    }

    public String getApiGroup() {
        return apiGroup;
    }

    public void setApiGroup(String apiGroup) {
        this.apiGroup = apiGroup;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IPPoolReference other
                && Objects.equals(apiGroup, other.apiGroup)
                && Objects.equals(kind, other.kind)
                && Objects.equals(name, other.name)
                && getUnknownFields().equals(other.getUnknownFields());
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiGroup, kind, name, getUnknownFields());
    }

    @Override
    public String toString() {
        return "IPPoolReference{apiGroup=" + apiGroup + ", kind=" + kind + ", name=" + name + "}";
    }
}

package dev.clusteripam.api.capi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** The part of a {@link Cluster}'s spec this provider reads: whether the Cluster is paused. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClusterSpec extends ObjectWithUnknownFields {

    @JsonProperty("paused")
    private Boolean paused;

    public ClusterSpec() {
    }

    public Boolean getPaused() {
        return paused;
    }

    public void setPaused(Boolean paused) {
        this.paused = paused;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterSpec other
                && Objects.equals(paused, other.paused)
                && getUnknownFields().equals(other.getUnknownFields());
    }

    @Override
    public int hashCode() {
        return Objects.hash(paused, getUnknownFields());
    }

    @Override
    public String toString() {
        return "ClusterSpec{paused=" + paused + "}";
    }
}

package dev.clusteripam.api.capi;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a {@link Condition} holds, as Kubernetes spells it. */
public enum ConditionStatus {
    @JsonProperty("True")
    TRUE,
    @JsonProperty("False")
    FALSE,
    @JsonProperty("Unknown")
    UNKNOWN
}

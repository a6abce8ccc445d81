package dev.clusteripam.api.capi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.time.Instant;
import java.util.Objects;

/**
 * One condition of an object, in the form Cluster API's v1beta2 contract uses, which is Kubernetes'
 * own {@code metav1.Condition}; the limits and patterns are Kubernetes'.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Condition {

    @JsonProperty("type")
    @JsonPropertyDescription("The aspect of the object this condition is about, in CamelCase, for example Ready.")
    @Required
    @Size(max = 316)
    @Pattern("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")
    private String type;

    @JsonProperty("status")
    @JsonPropertyDescription("Whether the condition holds: True, False or Unknown.")
    @Required
    private ConditionStatus status;

    @JsonProperty("observedGeneration")
    @JsonPropertyDescription("The metadata.generation of the object this condition was set for; older than the"
            + " object's generation when the condition is stale.")
    @Min(0)
    private Long observedGeneration;

    @JsonProperty("lastTransitionTime")
    @JsonPropertyDescription("When the status last changed.")
    @Required
    private Instant lastTransitionTime;

    @JsonProperty("reason")
    @JsonPropertyDescription("Why the condition has its status, as a CamelCase word for programs to act on.")
    @Required
    @Size(min = 1, max = 1024)
    @Pattern("^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")
    private String reason;

    @JsonProperty("message")
    @JsonPropertyDescription("Details of the status for people to read; may be empty.")
    @Required
    @Size(max = 32768)
    private String message;

    public Condition() {
    }

    public Condition(String type, ConditionStatus status, String reason, String message, Instant lastTransitionTime) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
        this.lastTransitionTime = lastTransitionTime;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public ConditionStatus getStatus() {
        return status;
    }

    public void setStatus(ConditionStatus status) {
        this.status = status;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Instant getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(Instant lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition other
                && Objects.equals(type, other.type)
                && status == other.status
                && Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(lastTransitionTime, other.lastTransitionTime)
                && Objects.equals(reason, other.reason)
                && Objects.equals(message, other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, observedGeneration, lastTransitionTime, reason, message);
    }

    @Override
    public String toString() {
        return "Condition{type=" + type + ", status=" + status + ", observedGeneration=" + observedGeneration
                + ", lastTransitionTime=" + lastTransitionTime + ", reason=" + reason + ", message=" + message + "}";
    }
}

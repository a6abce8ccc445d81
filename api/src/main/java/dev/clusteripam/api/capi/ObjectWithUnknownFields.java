package dev.clusteripam.api.capi;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object of Cluster API's that keeps the fields this model does not name. Cluster API evolves
 * on its own; an object read with this model and written back loses none of the fields a newer
 * Cluster API added.
 */
public abstract class ObjectWithUnknownFields {

    private final Map<String, Object> unknownFields = new LinkedHashMap<>();

    /** The fields this model does not name, by JSON name, in the order they were read. */
    @JsonAnyGetter
    public Map<String, Object> getUnknownFields() {
        return unknownFields;
    }

    @JsonAnySetter
    public void setUnknownField(String name, Object value) {
        unknownFields.put(name, value);
    }
}

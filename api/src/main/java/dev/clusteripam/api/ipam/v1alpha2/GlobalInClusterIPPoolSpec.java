package dev.clusteripam.api.ipam.v1alpha2;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.clusteripam.api.ipam.SelectsNamespaces;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Objects;

/** The spec of a {@link GlobalInClusterIPPool}: that of an {@link InClusterIPPool}, and the namespaces it serves. */
public class GlobalInClusterIPPoolSpec extends InClusterIPPoolSpec implements SelectsNamespaces {

    @JsonProperty("namespaceSelector")
    @JsonPropertyDescription(SelectsNamespaces.DESCRIPTION)
    private LabelSelector namespaceSelector;

    public GlobalInClusterIPPoolSpec() {
    }

    public GlobalInClusterIPPoolSpec(List<String> addresses, int prefix) {
        super(addresses, prefix);
    }

    @Override
    public LabelSelector getNamespaceSelector() {
        return namespaceSelector;
    }

    @Override
    public void setNamespaceSelector(LabelSelector namespaceSelector) {
        this.namespaceSelector = namespaceSelector;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobalInClusterIPPoolSpec other && super.equals(o)
                && Objects.equals(namespaceSelector, other.namespaceSelector);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), namespaceSelector);
    }

    @Override
    public String toString() {
        return "Global" + super.toString() + "{namespaceSelector=" + namespaceSelector + "}";
    }
}

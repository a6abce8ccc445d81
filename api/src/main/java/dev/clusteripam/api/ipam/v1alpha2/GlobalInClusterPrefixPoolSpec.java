package dev.clusteripam.api.ipam.v1alpha2;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.clusteripam.api.ipam.SelectsNamespaces;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Objects;

/**
 * The spec of a {@link GlobalInClusterPrefixPool}: that of an {@link InClusterPrefixPool}, and the
 * namespaces it serves.
 */
public class GlobalInClusterPrefixPoolSpec extends InClusterPrefixPoolSpec implements SelectsNamespaces {

    @JsonProperty("namespaceSelector")
    @JsonPropertyDescription(SelectsNamespaces.DESCRIPTION)
    private LabelSelector namespaceSelector;

    public GlobalInClusterPrefixPoolSpec() {
    }

    public GlobalInClusterPrefixPoolSpec(List<String> prefixes, int allocationPrefixLength) {
        super(prefixes, allocationPrefixLength);
    }

    @Override
    public LabelSelector getNamespaceSelector() {
        return namespaceSelector;
    }

    @Override
    public void setNamespaceSelector(LabelSelector selector) {
        namespaceSelector = selector;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobalInClusterPrefixPoolSpec other && super.equals(o)
                && Objects.equals(namespaceSelector, other.namespaceSelector);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hashCode(namespaceSelector);
    }

    @Override
    public String toString() {
        return "Global" + super.toString() + "{namespaceSelector=" + namespaceSelector + "}";
    }
}

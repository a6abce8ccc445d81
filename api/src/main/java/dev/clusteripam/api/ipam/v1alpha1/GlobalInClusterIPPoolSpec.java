package dev.clusteripam.api.ipam.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.clusteripam.api.ipam.SelectsNamespaces;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Objects;

/**
 * The {@code v1alpha1} spec of a {@link GlobalInClusterIPPool}: that of an {@link InClusterIPPool}
 * and the namespaces it serves, which conversion to and from {@code v1alpha2} keeps.
 */
public class GlobalInClusterIPPoolSpec extends InClusterIPPoolSpec implements SelectsNamespaces {

    @JsonProperty("namespaceSelector")
    @JsonPropertyDescription(SelectsNamespaces.DESCRIPTION)
    private LabelSelector namespaceSelector;

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
        return super.equals(o) && o instanceof GlobalInClusterIPPoolSpec global
                && Objects.equals(namespaceSelector, global.namespaceSelector);
    }

    @Override
    public int hashCode() {
        return super.hashCode() ^ Objects.hashCode(namespaceSelector);
    }
}

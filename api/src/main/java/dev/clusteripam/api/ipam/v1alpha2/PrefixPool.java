package dev.clusteripam.api.ipam.v1alpha2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * An {@link InClusterPrefixPool} or a {@link GlobalInClusterPrefixPool}: the two kinds differ in scope,
 * and a global pool may restrict the namespaces it serves ({@code S} is its spec class). The printer columns are upstream's, plus Ready and Age, in the order kubectl shows them.
 */
@AdditionalPrinterColumn(name = "Prefixes", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.prefixes",
        getDescription = "The prefixes the pool carves sub-prefixes from")
@AdditionalPrinterColumn(name = "Total", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.ipAddresses.total", getDescription = "How many sub-prefixes the pool can hand out")
@AdditionalPrinterColumn(name = "Free", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.ipAddresses.free", getDescription = "How many sub-prefixes the pool can still hand out")
@AdditionalPrinterColumn(name = "Used", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.ipAddresses.used", getDescription = "How many IPAddresses name the pool")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", getDescription = "Whether the pool serves claims")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp", getDescription = "Time since the pool was created")
@JsonIgnoreProperties(ignoreUnknown = true)
public abstract class PrefixPool<S extends InClusterPrefixPoolSpec>
        extends CustomResource<S, InClusterPrefixPoolStatus> {

    @Override
    @JsonPropertyDescription("The IPv6 sub-prefixes the pool hands out.")
    public S getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("How many sub-prefixes the pool has, hands out and has left, and its conditions;"
            + " written by the provider.")
    public InClusterPrefixPoolStatus getStatus() {
        return super.getStatus();
    }
}

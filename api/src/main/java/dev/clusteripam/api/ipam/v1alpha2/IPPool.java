package dev.clusteripam.api.ipam.v1alpha2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * An {@link InClusterIPPool} or a {@link GlobalInClusterIPPool}: the two kinds differ in scope, and a
 * global pool may restrict the namespaces it serves ({@code S} is its spec class).
 * The printer columns are upstream's, plus Ready and Age, in the order kubectl shows them.
 */
@AdditionalPrinterColumn(name = "Addresses", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.addresses",
        getDescription = "The addresses the pool hands out")
@AdditionalPrinterColumn(name = "Total", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.ipAddresses.total", getDescription = "How many addresses the pool can hand out")
@AdditionalPrinterColumn(name = "Free", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.ipAddresses.free", getDescription = "How many addresses the pool can still hand out")
@AdditionalPrinterColumn(name = "Used", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.ipAddresses.used", getDescription = "How many IPAddresses name the pool")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status", getDescription = "Whether the pool serves claims")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE,
        jsonPath = ".metadata.creationTimestamp", getDescription = "Time since the pool was created")
@JsonIgnoreProperties(ignoreUnknown = true)
public abstract class IPPool<S extends InClusterIPPoolSpec> extends CustomResource<S, InClusterIPPoolStatus> {

    @Override
    @JsonPropertyDescription("The addresses the pool hands out and how.")
    public S getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("How many addresses the pool has, hands out and has left, and its conditions;"
            + " written by the provider.")
    public InClusterIPPoolStatus getStatus() {
        return super.getStatus();
    }
}

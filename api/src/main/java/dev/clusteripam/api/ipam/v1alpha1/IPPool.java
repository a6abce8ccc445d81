package dev.clusteripam.api.ipam.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;

/**
 * A {@code v1alpha1} {@link InClusterIPPool} or {@link GlobalInClusterIPPool}. The printer columns are
 * upstream's, except that First and Last show {@code start} and {@code end}: upstream's point at
 * {@code .spec.first} and {@code .spec.last}, which do not exist, and stay empty.
 */
@AdditionalPrinterColumn(name = "Subnet", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.subnet",
        getDescription = "The network to hand out addresses from")
@AdditionalPrinterColumn(name = "First", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.start",
        getDescription = "The first address to hand out")
@AdditionalPrinterColumn(name = "Last", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.end",
        getDescription = "The last address to hand out")
@AdditionalPrinterColumn(name = "Addresses", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.addresses",
        getDescription = "The addresses the pool hands out")
@AdditionalPrinterColumn(name = "Total", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.ipAddresses.total", getDescription = "How many addresses the pool can hand out")
@AdditionalPrinterColumn(name = "Free", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.ipAddresses.free", getDescription = "How many addresses the pool can still hand out")
@AdditionalPrinterColumn(name = "Used", type = AdditionalPrinterColumn.Type.INTEGER,
        jsonPath = ".status.ipAddresses.used", getDescription = "How many IPAddresses name the pool")
@JsonIgnoreProperties(ignoreUnknown = true)
public abstract class IPPool<S extends InClusterIPPoolSpec> extends CustomResource<S, InClusterIPPoolStatus> {

    @Override
    @JsonPropertyDescription("The addresses the pool hands out.")
    public S getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("How many addresses the pool has, hands out and has left; written by the provider.")
    public InClusterIPPoolStatus getStatus() {
        return super.getStatus();
    }
}

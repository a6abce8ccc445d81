package dev.clusteripam.api.ledger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Which pool and block a ledger block records, and who holds what in it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class IPAllocationBlockSpec {

    @JsonProperty("poolKind")
    @JsonPropertyDescription("The kind of the pool, one of InClusterIPPool, GlobalInClusterIPPool, InClusterPrefixPool,"
            + " GlobalInClusterPrefixPool.")
    @Required
    private String poolKind;

    @JsonProperty("poolNamespace")
    @JsonPropertyDescription("The namespace of the pool; empty for global pools.")
    private String poolNamespace;

    @JsonProperty("poolName")
    @JsonPropertyDescription("The name of the pool.")
    @Required
    private String poolName;

    @JsonProperty("block")
    @JsonPropertyDescription("The number of the block: the item's number (address, or sub-prefix number) divided by 64, the items per block.")
    @Required
    private String block;

    @JsonProperty("holders")
    @JsonPropertyDescription("Who holds each taken item: the canonical address (the base address for sub-prefixes)"
            + " mapped to the namespace/name of the claim and its IPAddress.")
    private Map<String, String> holders;

    public IPAllocationBlockSpec() {
    }

    public IPAllocationBlockSpec(String poolKind, String poolNamespace, String poolName, String block) {
        this.poolKind = poolKind;
        this.poolNamespace = poolNamespace;
        this.poolName = poolName;
        this.block = block;
        this.holders = new TreeMap<>();
    }

    public String getPoolKind() {
        return poolKind;
    }

    public void setPoolKind(String poolKind) {
        this.poolKind = poolKind;
    }

    public String getPoolNamespace() {
        return poolNamespace;
    }

    public void setPoolNamespace(String poolNamespace) {
        this.poolNamespace = poolNamespace;
    }

    public String getPoolName() {
        return poolName;
    }

    public void setPoolName(String poolName) {
        this.poolName = poolName;
    }

    public String getBlock() {
        return block;
    }

    public void setBlock(String block) {
        this.block = block;
    }

    /** Never null: an empty block has no holders. */
    public Map<String, String> getHolders() {
        if (holders == null) {
            holders = new TreeMap<>();
        }
        return holders;
    }

    public void setHolders(Map<String, String> holders) {
        this.holders = holders == null ? new TreeMap<>() : new TreeMap<>(holders);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IPAllocationBlockSpec that && Objects.equals(poolKind, that.poolKind)
                && Objects.equals(poolNamespace, that.poolNamespace) && Objects.equals(poolName, that.poolName)
                && Objects.equals(block, that.block) && Objects.equals(getHolders(), that.getHolders());
    }

    @Override
    public int hashCode() {
        return Objects.hash(poolKind, poolNamespace, poolName, block, getHolders());
    }
}

package dev.clusteripam.core.pool;

/** Why a pool would not hand out an address (or sub-prefix). */
public enum Unallocatable {
    OTHER_FAMILY("of the other IP family"),
    OUTSIDE_POOL("outside the pool"),
    EXCLUDED("excluded"),
    RESERVED("reserved (network, broadcast or subnet-router anycast address)"),
    GATEWAY("the gateway");

    private final String description;

    Unallocatable(String description) {
        this.description = description;
    }

    /** Reads after "is": "10.0.0.1 is the gateway". */
    public String description() {
        return description;
    }
}

package dev.clusteripam.api.ledger;

/** The API group of the allocation ledger: ours, not Cluster API's. */
public final class LedgerGroup {

    public static final String NAME = "ledger.cluster-ipam.dev";

    private LedgerGroup() {
    }
}

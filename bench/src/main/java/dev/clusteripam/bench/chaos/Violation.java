package dev.clusteripam.bench.chaos;

/**
 * One thing found wrong (or worth reporting) in a {@link ClusterState}.
 *
 * @param subject the object it is about, kind/namespace/name or pool and item
 */
record Violation(Kind kind, String subject, String detail) {

    enum Kind {
        /** The same address handed out twice by one pool. */
        DUPLICATE(true),
        /** An address its pool may not hand out: outside it, gateway, excluded, reserved, or the pool is missing or invalid. */
        OUTSIDE_POOL(true),
        /** An IPAddress whose claim is gone. */
        ORPHAN_ADDRESS(true),
        /** A Ready claim without exactly one IPAddress, named in its {@code status.addressRef}. */
        READY_WITHOUT_ONE_ADDRESS(true),
        /** An IPAddress without its ledger entry, or an entry that gives its holder another address. */
        LEDGER_DISAGREES(true),
        /** An entry whose holder has no IPAddress, or has the entry of its IPAddress too: an address lost until the sweep (issue 12 item 3). */
        LEDGER_EXTRA(true),
        /** One address held in two pools: possible only when the pools overlap, which upstream allows. */
        SHARED_BY_OVERLAPPING_POOLS(false);

        private final boolean fails;

        Kind(boolean fails) {
            this.fails = fails;
        }

        /** Whether it fails the run; the others are reported only. */
        boolean fails() {
            return fails;
        }
    }

    @Override
    public String toString() {
        return kind + " " + subject + ": " + detail;
    }
}

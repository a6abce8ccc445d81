package dev.clusteripam.bench.chaos;

/**
 * One promise a scenario checked.
 *
 * @param issueItem the item of issue 12 that makes it hold, when it is one of them; empty otherwise
 */
record Check(String name, boolean passed, String detail, String issueItem) {

    Check {
        detail = Bounded.text(detail);
    }
}

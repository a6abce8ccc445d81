package dev.clusteripam.bench.e2e;

/** One target of the issue, with what this run measured and whether it was met (null: not measured in this run). */
record Target(String target, String measured, Boolean met) {

    String verdict() {
        return met == null ? "not measured" : met ? "met" : "MISSED";
    }
}

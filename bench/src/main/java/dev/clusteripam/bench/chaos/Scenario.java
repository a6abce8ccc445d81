package dev.clusteripam.bench.chaos;

/** One way of trying to break the provider: it drives the cluster and says which of its promises held. */
interface Scenario {

    /** Its name on the command line and in the report. */
    String name();

    /** What it checks, in one sentence, for the report. */
    String promise();

    /**
     * Runs against a fresh control plane with no provider yet; records its checks and figures in
     * {@code context}. It stops by itself; the suite bounds it in time as well.
     */
    void run(ScenarioContext context) throws Exception;
}

package dev.clusteripam.app.cli;

/**
 * The exit codes of every command, ordered by severity so that a command checking many things
 * can report the worst with {@link Math#max}.
 */
public final class ExitCode {

    public static final int OK = 0;
    /** A pool's spec breaks the admission rules. */
    public static final int INVALID = 1;
    /** The input could not be read; picocli uses the same code for a bad command line. */
    public static final int UNREADABLE = 2;
    /** {@code plan}: the pool ran out before every claim got an item. */
    public static final int EXHAUSTED = 3;
    /** {@code dev --once}: an example claim did not end as its manifest says it should. */
    public static final int NOT_AS_EXPECTED = 4;
    /**
     * {@code run}, {@code dev}: could not start (no cluster, an unusable certificate, a port in use, ...);
     * {@code inspect}: could not read the cluster.
     */
    public static final int CANNOT_START = 5;
    /** A bug: an exception no command expected (sysexits' EX_SOFTWARE). */
    public static final int INTERNAL_ERROR = 70;

    private ExitCode() {
    }
}

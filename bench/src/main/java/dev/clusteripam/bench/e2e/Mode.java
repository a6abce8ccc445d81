package dev.clusteripam.bench.e2e;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The provider under test: ours; the real upstream Go provider (its binary, built from source); or
 * the imitation of upstream (ours with upstream's list-and-scan and one worker), kept only for what
 * the real one cannot serve: prefix pools.
 */
enum Mode {
    INDEX("index", "ours"),
    UPSTREAM("upstream", "upstream (its binary)"),
    IMITATION("upstream-scan", "imitation of upstream (ours, list-and-scan, one worker)");

    private final String label;
    private final String description;

    Mode(String label, String description) {
        this.label = label;
        this.description = description;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    /** Whether the provider is our JVM, whose heap jcmd can read and whose allocation ledger the checks compare. */
    boolean isOurs() {
        return this != UPSTREAM;
    }

    static Mode parse(String text) {
        return Arrays.stream(values()).filter(mode -> mode.label.equals(text.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--modes takes " + Arrays.stream(values()).map(Mode::label)
                        .collect(Collectors.joining(", ")) + ", not " + text));
    }

    static String describe(String label) {
        return Arrays.stream(values()).filter(mode -> mode.label.equals(label)).findFirst().map(Mode::description).orElse(label);
    }
}

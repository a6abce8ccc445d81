package dev.clusteripam.bench.e2e;

import java.util.Locale;

/** How the provider under test picks addresses: ours, or upstream's list-and-scan with one worker (the baseline). */
enum Mode {
    INDEX,
    UPSTREAM;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Mode parse(String text) {
        return switch (text.strip()) {
            case "index" -> INDEX;
            case "upstream" -> UPSTREAM;
            default -> throw new IllegalArgumentException("--modes takes index and/or upstream, not " + text);
        };
    }
}

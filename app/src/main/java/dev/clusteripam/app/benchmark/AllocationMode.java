package dev.clusteripam.app.benchmark;

import dev.clusteripam.controller.allocation.AllocationStrategy;
import dev.clusteripam.controller.upstreamscan.UpstreamScan;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code --allocation-mode}: how the provider finds a pool's next free address. Hidden: only the
 * end-to-end benchmark uses anything but the default, to measure upstream's way in the same run.
 * Benchmark only: this package is reached from {@code run} by that flag alone.
 */
public enum AllocationMode {
    /** The free-space index, with {@code --max-concurrent-reconciles} workers. */
    INDEX(AllocationStrategy.INDEX),
    /** Upstream's list-and-scan per claim, with one worker as upstream has; everything else unchanged. */
    UPSTREAM_SCAN(UpstreamScan.STRATEGY);

    private final AllocationStrategy strategy;

    AllocationMode(AllocationStrategy strategy) {
        this.strategy = strategy;
    }

    public AllocationStrategy strategy() {
        return strategy;
    }

    /** Upstream reconciles claims one at a time: the scan mode does too, whatever the flag asks. */
    public int reconcileWorkers(int requested) {
        return this == UPSTREAM_SCAN ? 1 : requested;
    }

    /** The flag's spelling: {@code index}, {@code upstream-scan}. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AllocationMode parse(String text) {
        return Arrays.stream(values()).filter(mode -> mode.flagValue().equals(text.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Invalid value for option '--allocation-mode': " + text + " (expected one of "
                        + Arrays.stream(values()).map(AllocationMode::flagValue).collect(Collectors.joining(", ")) + ")"));
    }
}

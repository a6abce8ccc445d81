package dev.clusteripam.app.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What {@code run} accepts from upstream's flags without acting on it, said once at start. */
final class CompatibilityNotices {

    private static final Logger LOG = LoggerFactory.getLogger(CompatibilityNotices.class);

    private CompatibilityNotices() {
    }

    static void log(RunOptions options) {
        if (!options.ignoredFlags().isEmpty()) {
            LOG.warn("flags ignored: they only tune the upstream manager's controller-runtime, klog or TLS stack: flags={}",
                    String.join(",", options.ignoredFlags()));
        }
    }
}

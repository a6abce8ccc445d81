package dev.clusteripam.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.clusteripam.app.run.LogCapture.Line;
import org.junit.jupiter.api.Test;

/** What {@code run} says once at start about the upstream flags it takes but does not act on. */
class CompatibilityNoticesTest {

    @Test
    void ignoredFlagsAreNamedInOneWarning() {
        RunOptions options = RunFlagsTest.parse("--sync-period=10m", "--v", "4", "--leader-elect-lease-duration", "15s", "--v=2");

        try (LogCapture log = LogCapture.of(CompatibilityNotices.class)) {
            CompatibilityNotices.log(options);

            assertThat(log.lines()).filteredOn(line -> line.level() == Level.WARN).containsExactly(new Line(Level.WARN,
                    "flags ignored: they only tune the upstream manager's controller-runtime, klog or TLS stack:"
                            + " flags=--leader-elect-lease-duration,--sync-period,--v"));
        }
    }

    @Test
    void withoutIgnoredFlagsThereIsNoWarning() {
        try (LogCapture log = LogCapture.of(CompatibilityNotices.class)) {
            CompatibilityNotices.log(RunFlagsTest.parse("--leader-elect"));

            assertThat(log.lines()).noneMatch(line -> line.level() == Level.WARN);
        }
    }
}

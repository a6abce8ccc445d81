package dev.clusteripam.bench.e2e;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on standard output, with the wall-clock time and the time since the run began. */
final class Progress {

    private static final long STARTED = System.nanoTime();

    private Progress() {
    }

    static void say(String line) {
        Duration since = Duration.ofNanos(System.nanoTime() - STARTED);
        System.out.printf("%s +%dm%02ds %s%n", LocalTime.now().truncatedTo(ChronoUnit.SECONDS), since.toMinutes(), since.toSecondsPart(), line);
        System.out.flush();
    }
}

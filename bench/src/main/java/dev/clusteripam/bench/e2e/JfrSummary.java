package dev.clusteripam.bench.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a provider's flight recording says bounds it: where its CPU samples land (the top frame,
 * and the first frame of our own code), how long it spent in GC pauses, and which monitors its
 * threads waited on.
 */
final class JfrSummary {

    private static final int TOP = 8;
    private static final String OURS = "dev.clusteripam.";

    private JfrSummary() {
    }

    static String of(Path recording) throws IOException {
        Map<String, Long> topFrames = new HashMap<>();
        Map<String, Long> ourFrames = new HashMap<>();
        Map<String, Long> monitorNanos = new HashMap<>();
        long samples = 0;
        Duration gcPauses = Duration.ZERO;
        long collections = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack == null || stack.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    topFrames.merge(frame(stack.getFrames().get(0)), 1L, Long::sum);
                    stack.getFrames().stream().filter(f -> f.getMethod().getType().getName().startsWith(OURS)).findFirst()
                            .ifPresent(f -> ourFrames.merge(frame(f), 1L, Long::sum));
                }
                case "jdk.GarbageCollection" -> {
                    collections++;
                    gcPauses = gcPauses.plus(event.getDuration("sumOfPauses"));
                }
                case "jdk.JavaMonitorEnter" -> monitorNanos.merge(event.getClass("monitorClass").getName(),
                        event.getDuration().toNanos(), Long::sum);
                default -> {
                }
            }
        }
        StringBuilder text = new StringBuilder();
        text.append(samples).append(" CPU samples; ").append(collections).append(" GCs, ").append(gcPauses.toMillis())
                .append(" ms of pauses\n");
        text.append("top frames:\n");
        top(topFrames, samples).forEach(line -> text.append("  ").append(line).append('\n'));
        text.append("first frame of our code:\n");
        top(ourFrames, samples).forEach(line -> text.append("  ").append(line).append('\n'));
        if (!monitorNanos.isEmpty()) {
            text.append("blocked on monitors (total wait):\n");
            monitorNanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                    .forEach(e -> text.append("  ").append(e.getValue() / 1_000_000).append(" ms ").append(e.getKey()).append('\n'));
        }
        return text.toString();
    }

    private static List<String> top(Map<String, Long> counts, long samples) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                .map(e -> String.format("%5.1f%% %s", 100.0 * e.getValue() / Math.max(1, samples), e.getKey())).toList();
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}

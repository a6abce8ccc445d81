package dev.clusteripam.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the run ran: what the report must say so that figures can be compared. */
record Machine(int cores, String cpu, double memoryGiB, String kernel, String jvm, String loadAverageAtStart) {

    static Machine current() {
        String cpu = read("/proc/cpuinfo").flatMap(text -> text.lines().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst()).orElse("unknown");
        double memory = read("/proc/meminfo").flatMap(text -> text.lines().filter(l -> l.startsWith("MemTotal:")).findFirst())
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0).map(g -> Math.round(g * 10) / 10.0).orElse(0.0);
        return new Machine(Runtime.getRuntime().availableProcessors(), cpu, memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), loadAverage());
    }

    static String loadAverage() {
        return read("/proc/loadavg").map(text -> String.join(" ", java.util.Arrays.copyOf(text.strip().split(" "), 3))).orElse("unknown");
    }

    private static Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

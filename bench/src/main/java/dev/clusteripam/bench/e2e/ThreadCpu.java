package dev.clusteripam.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * CPU time (user + system) of one process by kind of thread, from /proc/PID/task: the profile of
 * where a JVM's CPU goes that a flight recording cannot give, because the JIT compilers and the
 * collector run no Java code. Threads are grouped by name less a trailing number ("C2
 * CompilerThread0" and "…1" are one group); the kernel keeps 15 characters of each name.
 */
record ThreadCpu(Map<String, Double> secondsByGroup) {

    private static final Pattern NUMBERED = Pattern.compile("[-#_ ]?\\d+$");

    /** The threads alive now; empty when the process is gone. Threads that ended are not counted (a JVM's rarely matter). */
    static ThreadCpu of(long pid) {
        Map<String, Double> seconds = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (NoSuchFileException ended) {
                    continue;
                }
                // "TID (NAME) STATE …": the name may hold spaces.
                seconds.merge(group(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))), CpuTimes.secondsIn(stat), Double::sum);
            }
        } catch (NoSuchFileException gone) {
            return new ThreadCpu(Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ThreadCpu(seconds);
    }

    static String group(String threadName) {
        String name = threadName.strip();
        String shorter = NUMBERED.matcher(name).replaceAll("");
        while (!shorter.equals(name) && !shorter.isEmpty()) {
            name = shorter;
            shorter = NUMBERED.matcher(name).replaceAll("");
        }
        return name;
    }

    /**
     * Milliseconds per claim by group between {@code earlier} and now, groups under 0.05 ms left
     * out; a group new since then counts from zero.
     */
    Map<String, Double> perClaimMillisSince(ThreadCpu earlier, long claims) {
        Map<String, Double> perClaim = new TreeMap<>();
        if (claims <= 0) {
            return perClaim;
        }
        secondsByGroup.forEach((name, now) -> {
            double millis = (now - earlier.secondsByGroup.getOrDefault(name, 0.0)) * 1000 / claims;
            if (millis >= 0.05) {
                perClaim.put(name, Math.round(millis * 10) / 10.0);
            }
        });
        return perClaim;
    }

    /** Seconds by group, groups under 10 ms left out, rounded to 10 ms: a start's profile. */
    Map<String, Double> rounded() {
        Map<String, Double> rounded = new TreeMap<>();
        secondsByGroup.forEach((name, seconds) -> {
            if (seconds >= 0.01) {
                rounded.put(name, Math.round(seconds * 100) / 100.0);
            }
        });
        return rounded;
    }
}

package dev.clusteripam.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CPU time (user + system) of the processes taking part, from /proc: on a machine with few cores
 * the CPU each one spends per claim says who bounds the throughput.
 */
record CpuTimes(Map<String, Double> secondsByProcess) {

    /** Linux's USER_HZ, the unit of /proc/PID/stat's times; 100 on every common architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    static CpuTimes of(Map<String, Long> pids) {
        Map<String, Double> seconds = new TreeMap<>();
        pids.forEach((name, pid) -> read(pid).ifPresent(value -> seconds.put(name, value)));
        return new CpuTimes(seconds);
    }

    /** Milliseconds of CPU per claim by process between {@code earlier} and now; processes missing in either are left out. */
    Map<String, Double> perClaimMillisSince(CpuTimes earlier, long claims) {
        Map<String, Double> perClaim = new TreeMap<>();
        secondsByProcess.forEach((name, now) -> {
            Double before = earlier.secondsByProcess.get(name);
            if (before != null && claims > 0) {
                perClaim.put(name, Math.round((now - before) * 1000 / claims * 100) / 100.0);
            }
        });
        return perClaim;
    }

    /** CPU seconds by process between {@code earlier} and now; a process missing from {@code earlier} (started since) counts from zero. */
    Map<String, Double> secondsSince(CpuTimes earlier) {
        Map<String, Double> spent = new TreeMap<>();
        secondsByProcess.forEach((name, now) -> spent.put(name, Math.round((now - earlier.secondsByProcess.getOrDefault(name, 0.0)) * 100)
                / 100.0));
        return spent;
    }

    /** The pid recorded by hack/control-plane in DIR/NAME.pid ("pid starttime"). */
    static long controlPlanePid(Path dir, String name) {
        try {
            return Long.parseLong(Files.readString(dir.resolve(name + ".pid")).strip().split("\\s+")[0]);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("no pid of " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Double> read(long pid) {
        try {
            return Optional.of(secondsIn(Files.readString(Path.of("/proc/" + pid + "/stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The CPU seconds (user + system) a /proc stat line gives, of a process or of one of its threads (/proc/PID/task/TID/stat). */
    static double secondsIn(String stat) {
        // Fields after the command name (in parentheses, may hold spaces): utime and stime are the 12th and 13th.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }
}

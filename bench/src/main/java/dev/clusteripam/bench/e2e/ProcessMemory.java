package dev.clusteripam.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM's memory as an operator would read it: heap in use after a full GC (jcmd), resident set size (/proc). */
final class ProcessMemory {

    /** The last line of a class histogram: instances and bytes of everything live. */
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("Total\\s+\\d+\\s+(\\d+)");
    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private ProcessMemory() {
    }

    /**
     * The live heap, MiB: the total of a class histogram, which the JVM takes right after a full
     * collection within one safepoint. (GC.run followed by GC.heap_info also counts what a busy
     * provider allocates between the two commands: hundreds of MiB under load.)
     */
    static double heapAfterFullGcMiB(long pid) {
        String histogram = jcmd(pid, "GC.class_histogram");
        Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
        if (!total.find()) {
            throw new IllegalStateException("jcmd " + pid + " GC.class_histogram: no Total line");
        }
        return Math.round(Long.parseLong(total.group(1)) / 1024.0 / 1024.0 * 10) / 10.0;
    }

    /** Resident set size, MiB. */
    static double residentMiB(long pid) {
        try {
            Matcher rss = VM_RSS.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
            if (!rss.find()) {
                throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
            }
            return Math.round(Long.parseLong(rss.group(1)) / 1024.0 * 10) / 10.0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status: " + e.getMessage(), e);
        }
    }

    static String jcmd(long pid, String... command) {
        String java = System.getProperty("java.home");
        Path jcmd = Path.of(java, "bin", "jcmd");
        String[] args = new String[command.length + 2];
        args[0] = Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
        args[1] = Long.toString(pid);
        System.arraycopy(command, 0, args, 2, command.length);
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run jcmd (a JDK, not only a JRE, is needed): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

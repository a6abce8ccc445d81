package dev.clusteripam.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's {@code resources.limits} as the kubelet enforces them on a cgroup v1 host: a memory
 * cgroup with {@code memory.limit_in_bytes} (and the same for memory and swap together, so that no
 * swap hides the limit) and a cpu cgroup with a CFS quota per 100 ms period, {@code cpu: 500m} being
 * 50 ms. A process that {@link #enter enters} them and its children are charged and throttled there;
 * the memory controller's own counters say whether it killed one for want of memory.
 *
 * <p>Closing removes the cgroups, which must have no processes left.
 */
final class ContainerLimits implements AutoCloseable {

    /** Where a container sees its cgroups, as on the host. */
    static final String MOUNT_POINT = "/sys/fs/cgroup";

    private static final Path CGROUPS = Path.of(MOUNT_POINT);
    private static final long CFS_PERIOD_MICROS = 100_000;

    /** The controllers the JVM requires to see, besides memory and cpu, to believe it is in a container. */
    private static final List<String> ALSO_SHOWN = List.of("cpuset", "cpuacct");

    private final Path memory;
    private final Path cpu;

    private ContainerLimits(Path memory, Path cpu) {
        this.memory = memory;
        this.cpu = cpu;
    }

    /**
     * New cgroups named {@code name} in the memory and cpu hierarchies, under this process's own
     * cgroups there (so that whatever limits this process limits them too), limited to {@code
     * memoryBytes} and {@code milliCpus}. Fails, saying what is missing, where the host has no writable
     * cgroup v1 memory and cpu controllers (a cgroup v2 host, or a container without them).
     */
    static ContainerLimits create(String name, long memoryBytes, int milliCpus) {
        Path memory = ownCgroup("memory").resolve(name);
        Path cpu = ownCgroup("cpu").resolve(name);
        for (Path controller : List.of(memory.getParent(), cpu.getParent())) {
            if (!Files.isWritable(controller.resolve("cgroup.procs"))) {
                throw new IllegalStateException("this test limits the image's process as a Deployment's resources.limits would, and "
                        + "needs the cgroup v1 memory and cpu controllers mounted writable under " + CGROUPS + "; "
                        + controller + " is not (a cgroup v2 host, or not root)");
            }
        }
        try {
            Files.createDirectories(memory);
            Files.createDirectories(cpu);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cgroups " + memory + " and " + cpu, e);
        }
        ContainerLimits limits = new ContainerLimits(memory, cpu);
        write(memory.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
        Path withSwap = memory.resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(withSwap)) {
            // Absent when the kernel accounts no swap; then there is none to hide in.
            write(withSwap, Long.toString(memoryBytes));
        }
        write(cpu.resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_MICROS));
        write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(CFS_PERIOD_MICROS * milliCpus / 1000));
        return limits;
    }

    /**
     * {@code command} prefixed so that its process enters these cgroups before it starts, and with it
     * every process it starts: as a runtime places a container's first process.
     */
    List<String> enter(List<String> command) {
        List<String> entering = new ArrayList<>(List.of("/bin/sh", "-c",
                "echo $$ >\"$1\" && echo $$ >\"$2\" && shift 2 && exec \"$@\"", "enter-cgroups",
                memory.resolve("cgroup.procs").toString(), cpu.resolve("cgroup.procs").toString()));
        entering.addAll(command);
        return entering;
    }

    /**
     * The container's view of its cgroups, as runc makes it on a cgroup v1 host, for the set-up script
     * of {@link Container} ({@code $root} the root file system): a tmpfs at /sys/fs/cgroup with each
     * controller's directory, there, being the container's own cgroup, read-only. The JVM finds its
     * memory limit and CPU quota there (and without them would size its heap from the host's memory).
     */
    String mounts() {
        StringBuilder script = new StringBuilder("mount -t tmpfs -o nosuid,nodev,noexec,mode=0755 cgroup \"$root%s\"\n".formatted(MOUNT_POINT));
        List<Path> shown = new ArrayList<>(List.of(memory, cpu));
        ALSO_SHOWN.stream().map(ContainerLimits::ownCgroup).forEach(shown::add);
        for (Path cgroup : shown) {
            String inContainer = "$root" + MOUNT_POINT + "/" + CGROUPS.relativize(cgroup).getName(0);
            script.append("mkdir \"%s\"\n".formatted(inContainer))
                    .append("mount --bind \"%s\" \"%s\"\n".formatted(cgroup, inContainer))
                    .append("mount -o remount,bind,ro,nosuid,nodev,noexec \"%s\"\n".formatted(inContainer));
        }
        return script.append("mount -o remount,ro,nosuid,nodev,noexec \"$root%s\"\n".formatted(MOUNT_POINT)).toString();
    }

    long memoryLimitBytes() {
        return readLong(memory.resolve("memory.limit_in_bytes"));
    }

    long cpuQuotaMicros() {
        return readLong(cpu.resolve("cpu.cfs_quota_us"));
    }

    /** The most memory the cgroup's processes have used together, page cache included. */
    long peakMemoryBytes() {
        return readLong(memory.resolve("memory.max_usage_in_bytes"));
    }

    /** How often usage met the limit, each time reclaiming (page cache, mostly): pressure, not a kill. */
    long limitReached() {
        return readLong(memory.resolve("memory.failcnt"));
    }

    /** Processes the kernel's OOM killer has killed in this cgroup (the {@code oom_kill} of memory.oom_control). */
    long oomKills() {
        return read(memory.resolve("memory.oom_control")).lines()
                .filter(line -> line.startsWith("oom_kill "))
                .mapToLong(line -> Long.parseLong(line.substring("oom_kill ".length()).strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no oom_kill count in " + memory.resolve("memory.oom_control")
                        + " (a kernel before 4.13)"));
    }

    /** Times the CFS quota throttled the cgroup, and for how long in all: the half CPU at work. */
    String throttling() {
        return read(cpu.resolve("cpu.stat")).lines().filter(line -> line.startsWith("nr_throttled") || line.startsWith("throttled_time"))
                .reduce((first, second) -> first + ", " + second).orElse("");
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(memory);
            Files.deleteIfExists(cpu);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the cgroups " + memory + " and " + cpu + " (processes left in them?)", e);
        }
    }

    /** This process's cgroup in the hierarchy of {@code controller}, from /proc/self/cgroup (v1: id:controllers:path). */
    private static Path ownCgroup(String controller) {
        Path hierarchy = CGROUPS.resolve(controller);
        return read(Path.of("/proc/self/cgroup")).lines()
                .map(line -> line.split(":", 3))
                .filter(fields -> fields.length == 3 && List.of(fields[1].split(",")).contains(controller))
                .map(fields -> hierarchy.resolve(fields[2].substring(1)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("this test limits the image's process as a Deployment's resources.limits "
                        + "would, and needs the cgroup v1 " + controller + " controller; /proc/self/cgroup names none (a cgroup v2 host?)"));
    }

    private static long readLong(Path file) {
        return Long.parseLong(read(file).strip());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value + " to " + file, e);
        }
    }
}

package dev.clusteripam.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An image's entrypoint run from its unpacked root file system as a container runtime runs it, with
 * util-linux and no runtime: in new mount and PID namespaces (the entrypoint is PID 1 there), the root
 * file system mounted read-only with a tmpfs on /tmp, /proc mounted, a minimal /dev, chrooted into the
 * root, in the image's working directory, as the image's user with no supplementary groups, with the
 * image's environment and nothing of the host's. The network namespace is the host's, so loopback
 * reaches a control plane on 127.0.0.1.
 *
 * <p>Standard output and error go to files. Closing kills the container if it still runs.
 */
final class Container implements AutoCloseable {

    /**
     * Runs inside the new namespaces as root, then becomes the entrypoint: $1 is the root file system,
     * the rest the environment and the command for env -i.
     */
    private static final String SETUP = """
            set -eu
            root=$1
            shift
            mount --bind "$root" "$root"
            mount -o remount,bind,ro,nosuid "$root"
            mount -t proc -o nosuid,nodev,noexec proc "$root/proc"
            mount -t tmpfs -o nosuid,nodev,mode=1777 tmpfs "$root/tmp"
            mount -t tmpfs -o nosuid,mode=0755 tmpfs "$root/dev"
            for device in null zero full random urandom tty; do
              : >"$root/dev/$device"
              mount --bind "/dev/$device" "$root/dev/$device"
            done
            %s
            exec env -i "$@"
            """;

    private static final List<String> MOUNT_POINTS = List.of("/proc", "/dev", "/tmp");

    private final Process unshare;
    private final Path out;
    private final Path err;
    /** Kills the container should the test JVM be stopped (failsafe's timeout) before {@link #close()}. */
    private final Thread killOnExit;

    private Container(Process unshare, Path out, Path err) {
        this.unshare = unshare;
        this.out = out;
        this.err = err;
        // The entrypoint drops to the image's user, which clears a parent-death signal: nothing else
        // would stop it.
        this.killOnExit = new Thread(this::kill, "container-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts the image's entrypoint with {@code args} in place of its Cmd, as a pod's args replace
     * it; output goes to {@code logDirectory}.
     */
    static Container start(RootFilesystem root, ImageConfig config, List<String> args, Path logDirectory) throws IOException {
        return start(root, config, args, logDirectory, UnaryOperator.identity(), "");
    }

    /**
     * {@link #start(RootFilesystem, ImageConfig, List, Path) Starts} the container in the cgroups of
     * {@code limits}, which it sees at /sys/fs/cgroup as a runtime shows them (the JVM sizes itself
     * from them).
     */
    static Container start(RootFilesystem root, ImageConfig config, List<String> args, Path logDirectory, ContainerLimits limits)
            throws IOException {
        root.mountPoint(ContainerLimits.MOUNT_POINT);
        return start(root, config, args, logDirectory, limits::enter, limits.mounts());
    }

    private static Container start(RootFilesystem root, ImageConfig config, List<String> args, Path logDirectory,
            UnaryOperator<List<String>> placement, String moreMounts) throws IOException {
        MOUNT_POINTS.forEach(root::mountPoint);
        ImageUser user = ImageUser.resolve(config.user(), root);
        List<String> environment = new ArrayList<>(config.env());
        if (environment.stream().noneMatch(variable -> variable.startsWith("HOME="))) {
            // Runtimes add HOME from the user's /etc/passwd entry when the image does not set it.
            environment.add("HOME=" + user.home());
        }

        List<String> command = new ArrayList<>(List.of(
                "unshare", "--mount", "--pid", "--fork", "--propagation", "private", "--",
                "/bin/sh", "-c", SETUP.formatted(moreMounts), "container-setup", root.directory().toString()));
        command.addAll(environment);
        // The second unshare makes no namespace: it only chroots, changes directory and drops to the user.
        command.addAll(List.of(hostExecutable("unshare"), "--root=" + root.directory(),
                "--wd=" + config.workingDir().orElse("/"), "--setuid=" + user.uid(), "--setgid=" + user.gid(), "--"));
        command.addAll(config.command(args));

        Files.createDirectories(logDirectory);
        Path out = logDirectory.resolve("stdout");
        Path err = logDirectory.resolve("stderr");
        Process unshare = new ProcessBuilder(placement.apply(command))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new Container(unshare, out, err);
    }

    /** The entrypoint's process as the host sees it: PID 1 of the container, unshare's only child. */
    Optional<ProcessHandle> entrypoint() {
        return unshare.children().findFirst();
    }

    /** A field of the entrypoint's /proc/PID/status, for example {@code Uid}: its value, tabs and all. */
    Optional<String> status(String field) {
        return entrypoint().flatMap(process -> lines(Path.of("/proc", Long.toString(process.pid()), "status"))
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> line.substring(field.length() + 1).strip())
                .findFirst());
    }

    /** The files the entrypoint has mapped into its memory, from /proc/PID/maps, as the host names them. */
    Set<String> mappedFiles() {
        // maps: address range, permissions, offset, device, inode, then the path of a file mapping.
        return entrypoint().map(process -> lines(Path.of("/proc", Long.toString(process.pid()), "maps"))
                .map(line -> line.split("\\s+", 6))
                .filter(fields -> fields.length == 6 && fields[5].startsWith("/"))
                .map(fields -> fields[5])
                .collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    /** The mount options of the container's root, from the entrypoint's view of its mounts. */
    Optional<List<String>> rootMountOptions() {
        // mountinfo: id, parent id, major:minor, root, mount point, mount options, ...
        return entrypoint().flatMap(process -> lines(Path.of("/proc", Long.toString(process.pid()), "mountinfo"))
                .map(line -> line.split(" "))
                .filter(fields -> fields.length > 5 && fields[4].equals("/"))
                .reduce((first, second) -> second) // the topmost mount on /
                .map(fields -> List.of(fields[5].split(","))));
    }

    /**
     * Waits up to {@code patience} for {@code condition}, failing at once, with the container's
     * standard error, should the container exit.
     */
    void awaitWhileRunning(Duration patience, Callable<Boolean> condition) {
        try {
            await().atMost(patience).ignoreExceptions()
                    .failFast(() -> assertThat(isRunning()).as(() -> "the container exited; standard error:\n" + err()).isTrue())
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; the container's standard error:\n" + err(), e);
        }
    }

    /** Sends SIGTERM to the entrypoint, as the kubelet does to stop a container. */
    void terminate() {
        entrypoint().orElseThrow(() -> new IllegalStateException("the container is not running; standard error:\n" + err()))
                .destroy();
    }

    /** The entrypoint's exit status, once it exits within {@code patience}; fails the test otherwise. */
    int awaitExit(Duration patience) throws InterruptedException {
        if (!unshare.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + patience + "; standard error:\n" + err());
        }
        return unshare.exitValue();
    }

    boolean isRunning() {
        return unshare.isAlive();
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs or has run; it kills the same processes.
        }
    }

    /** SIGKILL to the entrypoint, as the kubelet sends after the grace period and the OOM killer sends. */
    void kill() {
        // Killing PID 1 of the namespace kills everything in it.
        entrypoint().ifPresent(ProcessHandle::destroyForcibly);
        unshare.destroyForcibly();
    }

    private static String hostExecutable(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " (util-linux) is not on PATH"))
                .toString();
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            // The process has gone between the lookup and the read.
            return Stream.empty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

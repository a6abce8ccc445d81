package dev.clusteripam.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where the providers under test come from: ours from the checkout (bin/cluster-ipam), upstream's
 * binary from {@code --upstream-binary} or, by default, from {@code hack/upstream-provider install}
 * (which builds it from its Go module once and caches it outside the checkout).
 *
 * @param upstreamBinary empty when no mode of the run needs it
 * @param upstreamHasDiagnostics whether that binary serves metrics as Cluster API's newer providers do
 *     ({@code --diagnostics-address}, the v1.1 line) rather than on {@code --metrics-bind-address} (v1.0)
 */
record Providers(Path repo, Optional<Path> upstreamBinary, boolean upstreamHasDiagnostics) {

    /** The script's build may take minutes on a cold cache. */
    private static final long INSTALL_TIMEOUT_MINUTES = 20;
    /** How much of a failed install's output a failure quotes. */
    private static final int QUOTED_CHARS = 2_000;

    static Providers of(Path repo, Optional<Path> upstreamBinary, boolean upstreamNeeded) throws IOException, InterruptedException {
        if (!upstreamNeeded) {
            return new Providers(repo, Optional.empty(), false);
        }
        Path binary = upstreamBinary.isPresent() ? upstreamBinary.get().toAbsolutePath() : installed(repo);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("the upstream provider binary " + binary + " is not an executable file");
        }
        return new Providers(repo, Optional.of(binary), usage(binary).contains("--diagnostics-address"));
    }

    /** What the binary prints for {@code --help}: Go's flag packages print the usage and exit. */
    private static String usage(Path binary) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(binary.toString(), "--help")).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(binary + " --help did not exit within 30 s");
        }
        return output;
    }

    /** The last line of {@code hack/upstream-provider install}; its output, bounded, when it fails (no Go, no network). */
    private static Path installed(Path repo) throws IOException, InterruptedException {
        Path script = repo.resolve("hack/upstream-provider");
        Path log = Files.createTempFile("upstream-provider-install", ".log");
        try {
            Process process = new ProcessBuilder(List.of(script.toString(), "install")).directory(repo.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " install did not finish within " + INSTALL_TIMEOUT_MINUTES + " min");
            }
            return lastLine(script, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8).strip());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Path lastLine(Path script, int exit, String output) {
        if (exit != 0 || output.isEmpty()) {
            String tail = output.length() > QUOTED_CHARS ? "..." + output.substring(output.length() - QUOTED_CHARS) : output;
            throw new IllegalStateException("no upstream provider binary (" + script + " install exited with "
                    + exit + "); pass --upstream-binary or leave out the upstream mode: " + tail);
        }
        return Path.of(output.substring(output.lastIndexOf('\n') + 1).strip());
    }
}

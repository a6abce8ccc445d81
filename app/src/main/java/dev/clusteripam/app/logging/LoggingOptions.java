package dev.clusteripam.app.logging;

import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The log flags of the long-running commands ({@code run}, {@code dev}), as a picocli mixin. */
public final class LoggingOptions {

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (key=value) or json (one object per line). Default: ${DEFAULT-VALUE}.")
    private LogFormat format;

    @ArgGroup(exclusive = true)
    private Verbosity verbosity;

    /** Either flag, not both: two answers to one question would need a rule nobody remembers. */
    private static final class Verbosity {

        @Option(names = "--log-level", paramLabel = "LEVEL", description = "error, warn, info, debug or trace.")
        private Optional<LogLevel> level;

        @Option(names = "-v", description = "Same as --log-level debug.")
        private boolean debug;
    }

    /** The settings asked for; {@code defaultLevel} when neither {@code --log-level} nor {@code -v} is given. */
    public LogSettings settings(LogLevel defaultLevel) {
        if (verbosity == null) {
            return new LogSettings(format, defaultLevel);
        }
        return new LogSettings(format, verbosity.debug ? LogLevel.DEBUG : verbosity.level.orElse(defaultLevel));
    }
}

package dev.clusteripam.app.logging;

import java.util.Objects;

/** How a long-running command logs. */
public record LogSettings(LogFormat format, LogLevel level) {

    public LogSettings {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(level, "level");
    }
}

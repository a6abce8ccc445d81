package dev.clusteripam.app.logging;

import ch.qos.logback.classic.Level;

/** The least severe events that are written. */
public enum LogLevel {
    ERROR(Level.ERROR),
    WARN(Level.WARN),
    INFO(Level.INFO),
    DEBUG(Level.DEBUG),
    TRACE(Level.TRACE);

    private final Level logbackLevel;

    LogLevel(Level logbackLevel) {
        this.logbackLevel = logbackLevel;
    }

    Level logbackLevel() {
        return logbackLevel;
    }
}

package dev.clusteripam.app.logging;

/** How log lines are written. */
public enum LogFormat {
    /** One line per event: time, level, logger, then the message with its key=value pairs. */
    TEXT,
    /** One JSON object per line, for log collectors. */
    JSON
}

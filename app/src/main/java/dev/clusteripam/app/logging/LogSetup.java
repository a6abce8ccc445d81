package dev.clusteripam.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * Replaces the logging configuration of {@code logback.xml} (made for the short commands) with the
 * one a long-running command asks for. Done in code, after the flags are parsed: logback has long
 * been initialised by then, so a configuration file chosen by a system property would come too late.
 */
public final class LogSetup {

    /** Our messages carry their own key=value pairs: {@code "webhook server started: address=/0.0.0.0:9443 ..."}. */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{36} - %msg%n";

    private LogSetup() {
    }

    /** Writes every event at {@code settings.level()} or above to standard error, in the format asked for. */
    public static void apply(LogSettings settings) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();

        Encoder<ILoggingEvent> encoder = settings.format() == LogFormat.JSON ? jsonEncoder(context) : textEncoder(context);
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        // Standard output carries command results (dev's table); log lines go to standard error.
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(settings.level().logbackLevel());
        root.addAppender(console);
        // fabric8 warns at every use of a non-"v1" version; Cluster API's v1beta2 and our v1alpha2 are meant.
        context.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils").setLevel(Level.ERROR);
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    /** One object per line with the message, and the event's key-value pairs (claim, pool, reason) as fields. */
    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }
}

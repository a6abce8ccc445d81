package dev.clusteripam.app.run;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Keeps what one class logs while a test runs. */
final class LogCapture implements AutoCloseable {

    /** One event, as a test asserts on it. */
    record Line(Level level, String message) {
    }

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Class<?> source) {
        logger = (Logger) LoggerFactory.getLogger(source);
        appender.start();
        logger.addAppender(appender);
    }

    static LogCapture of(Class<?> source) {
        return new LogCapture(source);
    }

    List<Line> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(event -> new Line(event.getLevel(), event.getFormattedMessage())).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}

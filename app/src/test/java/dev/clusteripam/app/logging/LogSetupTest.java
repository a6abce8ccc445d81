package dev.clusteripam.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two log formats of the long-running commands, as a log collector reads them from standard error. */
class LogSetupTest {

    private static final Logger LOG = LoggerFactory.getLogger(LogSetupTest.class);

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalStderr;

    @BeforeEach
    void captureStandardError() {
        originalStderr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    /** Back to the configuration file, for the tests that run after this one in the same JVM. */
    @AfterEach
    void restore() throws JoranException {
        System.setErr(originalStderr);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void textLinesCarryTimeLevelLoggerAndTheMessagesKeyValuePairs() {
        LogSetup.apply(new LogSettings(LogFormat.TEXT, LogLevel.INFO));

        LOG.info("claim served: claim={} address={}", "default/a", "10.0.0.2");

        assertThat(lines()).singleElement().asString()
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  "
                        + "d\\.c\\.app\\.logging\\.LogSetupTest - claim served: claim=default/a address=10\\.0\\.0\\.2");
    }

    @Test
    void jsonLinesAreOneObjectEachWithTheFormattedMessage() throws Exception {
        LogSetup.apply(new LogSettings(LogFormat.JSON, LogLevel.INFO));

        LOG.warn("flags ignored: flags={}", "--sync-period,--v");

        JsonNode event = new ObjectMapper().readTree(lines().get(0));
        assertThat(event.path("level").asText()).isEqualTo("WARN");
        assertThat(event.path("loggerName").asText()).isEqualTo(LogSetupTest.class.getName());
        assertThat(event.path("formattedMessage").asText()).isEqualTo("flags ignored: flags=--sync-period,--v");
        assertThat(event.path("timestamp").asLong()).isPositive();
        assertThat(event.has("sequenceNumber")).isFalse();
    }

    @Test
    void jsonLinesCarryTheEventsKeyValuePairsAsFieldsOfTheirOwn() throws Exception {
        LogSetup.apply(new LogSettings(LogFormat.JSON, LogLevel.INFO));

        LOG.atInfo().addKeyValue("claim", "default/c").addKeyValue("pool", "InClusterIPPool/default/small")
                .addKeyValue("reason", "PoolExhausted").addKeyValue("level", "not the event's")
                .log("not ready: claim={}", "default/c");

        JsonNode event = new ObjectMapper().readTree(lines().get(0));
        assertThat(event.path("formattedMessage").asText()).isEqualTo("not ready: claim=default/c");
        assertThat(event.path("claim").asText()).isEqualTo("default/c");
        assertThat(event.path("pool").asText()).isEqualTo("InClusterIPPool/default/small");
        assertThat(event.path("reason").asText()).isEqualTo("PoolExhausted");
        assertThat(event.path("level").asText()).as("a pair does not hide an event field").isEqualTo("INFO");
        assertThat(event.path("kv.level").asText()).isEqualTo("not the event's");
    }

    @Test
    void jsonLinesCarryTheStackTraceOfAnError() throws Exception {
        LogSetup.apply(new LogSettings(LogFormat.JSON, LogLevel.INFO));

        LOG.error("stopping failed", new IllegalStateException("broken"));

        JsonNode event = new ObjectMapper().readTree(lines().get(0));
        assertThat(event.path("throwable").asText()).startsWith("java.lang.IllegalStateException: broken");
    }

    @Test
    void eventsBelowTheLevelAreLeftOut() {
        LogSetup.apply(new LogSettings(LogFormat.TEXT, LogLevel.WARN));

        LOG.info("routine");
        LOG.warn("worth a look");

        assertThat(lines()).singleElement().asString().endsWith("worth a look");
    }

    @Test
    void debugShowsTheDetail() {
        LogSetup.apply(new LogSettings(LogFormat.TEXT, LogLevel.DEBUG));

        LOG.debug("detail");

        assertThat(lines()).singleElement().asString().endsWith("detail");
    }

    private List<String> lines() {
        return stderr.toString(StandardCharsets.UTF_8).lines().toList();
    }
}

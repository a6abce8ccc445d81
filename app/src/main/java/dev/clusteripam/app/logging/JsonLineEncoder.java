package dev.clusteripam.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line, with the event's key-value pairs as fields of their own: a line about
 * a claim carries {@code "claim"}, {@code "pool"} and {@code "reason"} next to the message, so that
 * a log collector filters on them without parsing the text. Logback's own JSON encoder nests them
 * in a list of one-entry objects ({@code "kvpList": [{"claim": ...}]}), which no query language
 * reads comfortably. The other field names are logback's, so that queries written for it still work.
 */
final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

    static final Set<String> EVENT_FIELDS = Set.of("timestamp", "level", "threadName", "loggerName", "formattedMessage", "throwable");

    private static final byte[] NOTHING = new byte[0];

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", event.getTimeStamp());
        line.put("level", event.getLevel().toString());
        line.put("threadName", event.getThreadName());
        line.put("loggerName", event.getLoggerName());
        line.put("formattedMessage", event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                // A pair named like an event field must not hide it.
                String key = EVENT_FIELDS.contains(pair.key) ? "kv." + pair.key : pair.key;
                line.put(key, pair.value == null ? null : String.valueOf(pair.value));
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.put("throwable", ThrowableProxyUtil.asString(thrown));
        }
        try {
            return (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            // Strings, numbers and null only: Jackson cannot fail on them; if it did, the event must still show.
            return ("{\"level\":\"" + event.getLevel() + "\",\"formattedMessage\":\"unencodable log event\"}\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }
}

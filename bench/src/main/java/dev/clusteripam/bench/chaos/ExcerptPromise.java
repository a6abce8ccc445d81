package dev.clusteripam.bench.chaos;

import dev.clusteripam.core.text.Excerpt;
import java.util.regex.Pattern;

/**
 * What the product promises of a condition message that quotes user text (core's
 * {@link Excerpt#ofMessage}): at most {@link Excerpt#MAX_MESSAGE_CHARS} characters of text, and when
 * it was cut, the elision note {@code "… (N more characters)"} after them; nothing more.
 */
final class ExcerptPromise {

    /**
     * N counts characters of one object, which the API server stores only up to about 1.5 MiB, so
     * it has at most 7 digits.
     */
    private static final int MAX_DIGITS = 7;

    private static final Pattern ELIDED = Pattern.compile(
            "(?s).{1," + Excerpt.MAX_MESSAGE_CHARS + "}… \\(([1-9][0-9]{0," + (MAX_DIGITS - 1) + "}) more characters\\)");

    /** The longest message the promise allows: the text, then the note with N of {@link #MAX_DIGITS} digits. */
    static final int MAX_LENGTH = Excerpt.MAX_MESSAGE_CHARS + "… ( more characters)".length() + MAX_DIGITS;

    private ExcerptPromise() {
    }

    /** Whether {@code message} is as {@link Excerpt#ofMessage} makes one: whole, or cut with the note. */
    static boolean keptBy(String message) {
        return message.length() <= Excerpt.MAX_MESSAGE_CHARS || ELIDED.matcher(message).matches();
    }

    /** How the report states the promise. */
    static String describe() {
        return "at most " + Excerpt.MAX_MESSAGE_CHARS + " characters of text plus \"… (N more characters)\" (" + MAX_LENGTH
                + " characters in all, far below the API's 32 KiB)";
    }
}

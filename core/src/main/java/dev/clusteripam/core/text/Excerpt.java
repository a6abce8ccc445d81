package dev.clusteripam.core.text;

import java.util.List;
import java.util.Objects;

/**
 * Bounds text quoted back to a user. A pool entry, a name or an error message can be as long as the
 * API server lets an object be (about 1.5 MB); copied into a condition, an event or a refusal it
 * would push that object past its own limit (a condition message holds at most 32 KiB) or flood
 * a terminal. Every value we quote back goes through here.
 */
public final class Excerpt {

    /** How many characters of a user's value we quote. */
    public static final int MAX_VALUE_CHARS = 256;

    /** How many characters of a message (which may quote values itself) we keep. */
    public static final int MAX_MESSAGE_CHARS = 1024;

    private static final String ELLIPSIS = "…";

    private Excerpt() {
    }

    /** {@code value} when at most {@link #MAX_VALUE_CHARS} long, else its start, an ellipsis and how much was left out. */
    public static String of(String value) {
        return of(value, MAX_VALUE_CHARS);
    }

    /** {@code message} bounded to {@link #MAX_MESSAGE_CHARS} the same way. */
    public static String ofMessage(String message) {
        return of(message, MAX_MESSAGE_CHARS);
    }

    /**
     * {@code text} when at most {@code max} characters long, else its first {@code max} characters
     * followed by {@code "… (N more characters)"}. A surrogate pair is never cut in half.
     */
    public static String of(String text, int max) {
        Objects.requireNonNull(text, "text");
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, got " + max);
        }
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + ELLIPSIS + " (" + (text.length() - end) + " more characters)";
    }

    /**
     * The first {@code max} of {@code items} joined by ", ", followed by {@code " and N more"} when
     * some are left out: a list of pools or ranges that can be as long as the cluster is big.
     */
    public static String list(List<String> items, int max) {
        Objects.requireNonNull(items, "items");
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, got " + max);
        }
        if (items.size() <= max) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, max)) + " and " + (items.size() - max) + " more";
    }
}

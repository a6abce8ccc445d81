package dev.clusteripam.app.cli;

import dev.clusteripam.core.ip.IpFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the items already in use from a plain list: one address (or CIDR) per line; blank lines
 * and {@code #} comments, whole-line or trailing, are ignored.
 */
final class AllocatedItems {

    /** Parses the text of one line into an item of the pool. */
    @FunctionalInterface
    interface ItemParser<T> {
        T parse(String text) throws IpFormatException;
    }

    private AllocatedItems() {
    }

    static <T> List<T> read(Path file, ItemParser<T> parser) throws UnreadableInputException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw UnreadableInputException.cannotRead(file, e);
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = withoutComment(lines.get(i)).strip();
            if (text.isEmpty()) {
                continue;
            }
            try {
                items.add(parser.parse(text));
            } catch (IpFormatException e) {
                throw new UnreadableInputException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return items;
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}

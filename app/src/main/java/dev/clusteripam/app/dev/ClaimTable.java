package dev.clusteripam.app.dev;

import java.util.ArrayList;
import java.util.List;

/** Claims as kubectl prints resources: a header, columns padded to their widest cell, {@code -} for nothing. */
final class ClaimTable {

    static final List<String> HEADER = List.of("NAMESPACE", "CLAIM", "POOL", "ADDRESS", "READY", "REASON", "MESSAGE");
    private static final String NOTHING = "-";
    private static final String GAP = "   ";

    private ClaimTable() {
    }

    /** The table, one line per row after the header, each line ending in a newline. */
    static String render(List<ClaimRow> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADER);
        for (ClaimRow row : rows) {
            lines.add(List.of(row.namespace(), row.claim(), row.pool(), row.address().orElse(NOTHING), row.ready().orElse(NOTHING),
                    row.reason().orElse(NOTHING), row.message().map(ClaimTable::oneLine).orElse(NOTHING)));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> line : lines) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], line.get(column).length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (List<String> line : lines) {
            for (int column = 0; column < widths.length - 1; column++) {
                table.append(String.format("%-" + widths[column] + "s", line.get(column))).append(GAP);
            }
            // The message, last and unpadded: no trailing blanks.
            table.append(line.get(widths.length - 1)).append('\n');
        }
        return table.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}

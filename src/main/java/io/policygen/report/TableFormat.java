package io.policygen.report;

import java.util.ArrayList;
import java.util.List;

/**
 * An aligned table for a terminal, as psql prints one: a header, a rule, one line a row (numbers and their headers
 * aligned right, null as blank), then the row count. A cell longer than the maximum width (a policy document) is cut
 * short with "..." at its end: {@code --format csv} gives every value whole. Line breaks and tabs print as spaces.
 */
public final class TableFormat implements ReportFormat {

    static final int DEFAULT_MAX_WIDTH = 60;
    private static final String ELLIPSIS = "...";

    private final int maxWidth;

    public TableFormat(int maxWidth) {
        if (maxWidth <= ELLIPSIS.length()) {
            throw new IllegalArgumentException("maxWidth must be more than " + ELLIPSIS.length() + ": " + maxWidth);
        }
        this.maxWidth = maxWidth;
    }

    @Override
    public String format(ReportTable table) {
        int columns = table.columns().size();
        List<String[]> cells = new ArrayList<>();
        for (List<String> row : table.rows()) {
            String[] line = new String[columns];
            for (int c = 0; c < columns; c++) {
                line[c] = cell(row.get(c));
            }
            cells.add(line);
        }
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = length(table.columns().get(c));
            for (String[] line : cells) {
                widths[c] = Math.max(widths[c], length(line[c]));
            }
        }
        StringBuilder out = new StringBuilder();
        List<String> header = table.columns();
        for (int c = 0; c < columns; c++) {
            pad(out, c, header.get(c), widths, table.numeric().get(c));
        }
        end(out);
        for (int c = 0; c < columns; c++) {
            pad(out, c, "-".repeat(widths[c]), widths, false);
        }
        end(out);
        for (String[] line : cells) {
            for (int c = 0; c < columns; c++) {
                pad(out, c, line[c], widths, table.numeric().get(c));
            }
            end(out);
        }
        out.append('(').append(cells.size()).append(cells.size() == 1 ? " row)" : " rows)").append('\n');
        return out.toString();
    }

    private String cell(String value) {
        if (value == null) {
            return "";
        }
        String flat = value.replaceAll("[\\r\\n\\t]", " ");
        if (length(flat) <= maxWidth) {
            return flat;
        }
        int keep = flat.offsetByCodePoints(0, maxWidth - ELLIPSIS.length());
        return flat.substring(0, keep) + ELLIPSIS;
    }

    private static void pad(StringBuilder out, int column, String text, int[] widths, boolean right) {
        if (column > 0) {
            out.append("  ");
        }
        String padding = " ".repeat(widths[column] - length(text));
        out.append(right ? padding + text : text + padding);
    }

    /** No trailing blanks. */
    private static void end(StringBuilder out) {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}

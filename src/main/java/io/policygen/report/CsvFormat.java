package io.policygen.report;

import java.util.List;

/**
 * RFC 4180 CSV: a header line, then one record a row, CRLF after each; a field that holds a comma, a double quote,
 * CR or LF is quoted, its quotes doubled. Null is an empty field.
 */
public final class CsvFormat implements ReportFormat {

    private static final String CRLF = "\r\n";

    @Override
    public String format(ReportTable table) {
        StringBuilder out = new StringBuilder();
        record(out, table.columns());
        for (List<String> row : table.rows()) {
            record(out, row);
        }
        return out.toString();
    }

    private static void record(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append(CRLF);
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}

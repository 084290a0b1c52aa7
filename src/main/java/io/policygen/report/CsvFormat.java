package io.policygen.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * RFC 4180 CSV: a header line, then one record a row, CRLF after each; a field that holds a comma, a double quote,
 * CR or LF is quoted, its quotes doubled. Null is an empty field. Written as the rows arrive: an export of a million
 * principals never sits in memory.
 */
public final class CsvFormat implements ReportFormat {

    private static final String CRLF = "\r\n";

    @Override
    public String format(ReportTable table) {
        StringBuilder out = new StringBuilder();
        try {
            record(out, table.columns());
            for (List<String> row : table.rows()) {
                record(out, row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    @Override
    public void write(ResultSet rows, Appendable out) throws SQLException, IOException {
        record(out, ReportTable.columns(rows));
        while (rows.next()) {
            record(out, ReportTable.row(rows));
        }
    }

    private static void record(Appendable out, List<String> fields) throws IOException {
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

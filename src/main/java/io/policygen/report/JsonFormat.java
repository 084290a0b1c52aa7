package io.policygen.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * JSON Lines: one JSON object per row and line, its members the report's columns in order, for log and SIEM
 * pipelines ({@code jq}, Filebeat, Vector, Splunk). Types are kept ({@link JsonValue}): numbers as numbers,
 * booleans as booleans, JSON and JSONB as JSON, arrays as arrays, times as ISO-8601, null as null. Written as the rows
 * arrive: a report of a million principals never sits in memory. No rows, no lines.
 */
public final class JsonFormat implements ReportFormat {

    @Override
    public String format(ReportTable table) {
        StringBuilder out = new StringBuilder();
        try {
            for (List<String> row : table.rows()) {
                out.append('{');
                for (int i = 0; i < row.size(); i++) {
                    member(out, i, table.columns().get(i));
                    String value = row.get(i);
                    if (value != null && table.numeric().get(i)) {
                        JsonValue.number(value, out);
                    } else {
                        JsonValue.text(value, out);
                    }
                }
                out.append("}\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    @Override
    public void write(ResultSet rows, Appendable out) throws SQLException, IOException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        String[] names = new String[columns];
        JsonValue[] values = new JsonValue[columns];
        for (int i = 0; i < columns; i++) {
            names[i] = meta.getColumnLabel(i + 1);
            values[i] = JsonValue.of(meta.getColumnType(i + 1), meta.getColumnTypeName(i + 1));
        }
        while (rows.next()) {
            out.append('{');
            for (int i = 0; i < columns; i++) {
                member(out, i, names[i]);
                values[i].write(rows, i + 1, out);
            }
            out.append("}\n");
        }
    }

    private static void member(Appendable out, int index, String name) throws IOException {
        if (index > 0) {
            out.append(',');
        }
        JsonValue.text(name, out);
        out.append(':');
    }
}

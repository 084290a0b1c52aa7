package io.policygen.testsupport;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows of a report view as tests compare them: times as Instants, whole numbers as longs, arrays as lists, JSON as
 * text; by position ({@link #rows}) for a few columns, by name ({@link #named}, {@link #cells}) where a row is long.
 */
public final class ViewRows {

    private ViewRows() {
    }

    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** Column name to value, for a row that reads by name: {@code cells("account_id", A, "done", 3L, ...)}. */
    public static Map<String, Object> cells(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("cells takes names and values in pairs");
        }
        Map<String, Object> cells = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            cells.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return cells;
    }

    public static List<List<Object>> rows(JdbcClient jdbc, String sql, Object... params) {
        return jdbc.sql(sql).params(params).query((rs, i) -> readRow(rs)).list();
    }

    public static List<Map<String, Object>> named(JdbcClient jdbc, String sql, Object... params) {
        return jdbc.sql(sql).params(params).query((rs, i) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                row.put(rs.getMetaData().getColumnLabel(c), value(rs.getObject(c)));
            }
            return row;
        }).list();
    }

    public static List<List<Object>> read(ResultSet rs) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(readRow(rs));
        }
        return rows;
    }

    private static List<Object> readRow(ResultSet rs) throws SQLException {
        List<Object> row = new ArrayList<>();
        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
            row.add(value(rs.getObject(c)));
        }
        return row;
    }

    private static Object value(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case Timestamp timestamp -> timestamp.toInstant();
            case OffsetDateTime time -> time.toInstant();
            case Integer n -> n.longValue();
            case Short n -> n.longValue();
            case java.sql.Array array -> Arrays.asList((Object[]) array.getArray());
            case PGobject object -> object.getValue();
            default -> value;
        };
    }
}

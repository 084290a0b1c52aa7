package io.policygen.report;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A report's rows as PostgreSQL prints them (its text output of every type: arrays as {@code {a,b}}, JSON as JSON),
 * times to the second, null as null, with which columns are numbers (aligned right in a table).
 */
public record ReportTable(List<String> columns, List<Boolean> numeric, List<List<String>> rows) {

    private static final Set<Integer> TIME_TYPES = Set.of(Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIME,
            Types.TIME_WITH_TIMEZONE);
    private static final Pattern FRACTION_OF_SECOND = Pattern.compile("(\\d{2}:\\d{2}:\\d{2})\\.\\d+");
    private static final Set<Integer> NUMBER_TYPES = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT,
            Types.NUMERIC, Types.DECIMAL, Types.REAL, Types.FLOAT, Types.DOUBLE);

    public ReportTable {
        if (numeric.size() != columns.size()) {
            throw new IllegalArgumentException("one numeric flag per column: " + columns + " " + numeric);
        }
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row of " + row.size() + " values for " + columns.size() + " columns");
            }
        }
        columns = List.copyOf(columns);
        numeric = List.copyOf(numeric);
        rows = rows.stream().map(row -> Collections.unmodifiableList(new ArrayList<>(row))).toList(); // nulls allowed
    }

    /** Text columns only. */
    public static ReportTable of(List<String> columns, List<List<String>> rows) {
        return new ReportTable(columns, Collections.nCopies(columns.size(), false), rows);
    }

    /** Reads every row of the result set. */
    public static ReportTable read(ResultSet resultSet) throws SQLException {
        List<String> columns = columns(resultSet);
        List<Boolean> numeric = new ArrayList<>();
        ResultSetMetaData meta = resultSet.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            numeric.add(NUMBER_TYPES.contains(meta.getColumnType(i)));
        }
        List<List<String>> rows = new ArrayList<>();
        while (resultSet.next()) {
            rows.add(row(resultSet));
        }
        return new ReportTable(columns, numeric, rows);
    }

    static List<String> columns(ResultSet resultSet) throws SQLException {
        ResultSetMetaData meta = resultSet.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
        }
        return columns;
    }

    /** The current row, as printed. */
    static List<String> row(ResultSet resultSet) throws SQLException {
        ResultSetMetaData meta = resultSet.getMetaData();
        String[] row = new String[meta.getColumnCount()];
        for (int i = 0; i < row.length; i++) {
            row[i] = text(meta.getColumnType(i + 1), resultSet.getString(i + 1));
        }
        return Arrays.asList(row);
    }

    /** A value as printed: times to the second (the views keep the microseconds). */
    static String text(int sqlType, String value) {
        if (value != null && TIME_TYPES.contains(sqlType)) {
            return FRACTION_OF_SECOND.matcher(value).replaceFirst("$1");
        }
        return value;
    }
}

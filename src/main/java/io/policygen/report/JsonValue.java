package io.policygen.report;

import java.io.IOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.postgresql.util.PGInterval;

/**
 * How one column's values are written as JSON, chosen once per column from its SQL type: PostgreSQL's numbers
 * (NaN and infinities, which JSON lacks, as strings), booleans, {@code json}/{@code jsonb} as the document itself,
 * arrays as arrays, {@code timestamptz} as ISO-8601 with its offset ({@code 2026-11-01T01:00:00Z}, microseconds
 * kept), {@code interval} as an ISO-8601 duration ({@code PT1H}), anything else as its text.
 */
enum JsonValue {
    NUMBER, BOOLEAN, JSON, ARRAY, TIMESTAMPTZ, TIMESTAMP, DATE, TIME, TIMETZ, INTERVAL, TEXT;

    private static final Set<Integer> NUMBER_TYPES = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT,
            Types.NUMERIC, Types.DECIMAL, Types.REAL, Types.FLOAT, Types.DOUBLE);
    /** What JSON accepts as a number (RFC 8259); PostgreSQL's text for its numbers is that, or NaN / Infinity. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    static JsonValue of(int sqlType, String typeName) {
        String type = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (NUMBER_TYPES.contains(sqlType)) {
            return NUMBER;
        }
        return switch (type) {
            case "bool", "boolean" -> BOOLEAN;
            case "json", "jsonb" -> JSON;
            case "timestamptz" -> TIMESTAMPTZ;
            case "timestamp" -> TIMESTAMP;
            case "date" -> DATE;
            case "time" -> TIME;
            case "timetz" -> TIMETZ;
            case "interval" -> INTERVAL;
            default -> sqlType == Types.ARRAY ? ARRAY : sqlType == Types.BOOLEAN ? BOOLEAN : TEXT;
        };
    }

    void write(ResultSet rows, int column, Appendable out) throws SQLException, IOException {
        switch (this) {
            case NUMBER -> {
                String value = rows.getString(column);
                if (value == null) {
                    out.append("null");
                } else {
                    number(value, out);
                }
            }
            case BOOLEAN -> {
                boolean value = rows.getBoolean(column);
                out.append(rows.wasNull() ? "null" : String.valueOf(value));
            }
            // PostgreSQL's own output is valid JSON; json (unlike jsonb) keeps the input's line breaks, which are
            // whitespace outside strings: gone, the object stays on its line
            case JSON -> {
                String value = rows.getString(column);
                out.append(value == null ? "null" : value.replace('\n', ' ').replace('\r', ' '));
            }
            case ARRAY -> {
                Array value = rows.getArray(column);
                if (value == null) {
                    out.append("null");
                } else {
                    element(value.getArray(), out);
                    value.free();
                }
            }
            // the ISO formatters always print the seconds (toString() drops them when zero)
            case TIMESTAMPTZ -> time(rows.getObject(column, OffsetDateTime.class), DateTimeFormatter.ISO_OFFSET_DATE_TIME, out);
            case TIMESTAMP -> time(rows.getObject(column, LocalDateTime.class), DateTimeFormatter.ISO_LOCAL_DATE_TIME, out);
            case DATE -> time(rows.getObject(column, LocalDate.class), DateTimeFormatter.ISO_LOCAL_DATE, out);
            case TIME -> time(rows.getObject(column, LocalTime.class), DateTimeFormatter.ISO_LOCAL_TIME, out);
            case TIMETZ -> time(rows.getObject(column, OffsetTime.class), DateTimeFormatter.ISO_OFFSET_TIME, out);
            case INTERVAL -> {
                Object value = rows.getObject(column);
                text(value instanceof PGInterval interval ? iso8601(interval) : value, out);
            }
            case TEXT -> text(rows.getString(column), out);
        }
    }

    private static void time(TemporalAccessor value, DateTimeFormatter format, Appendable out) throws IOException {
        text(value == null ? null : format.format(value), out);
    }

    /** A number as JSON has it; what JSON has no number for (NaN, Infinity) as a string. */
    static void number(String value, Appendable out) throws IOException {
        if (JSON_NUMBER.matcher(value).matches()) {
            out.append(value);
        } else {
            text(value, out);
        }
    }

    /** An array's element: numbers and booleans as such, nested arrays as arrays, anything else as text. */
    private static void element(Object value, Appendable out) throws IOException {
        switch (value) {
            case null -> out.append("null");
            case Object[] array -> {
                out.append('[');
                for (int i = 0; i < array.length; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    element(array[i], out);
                }
                out.append(']');
            }
            case Number number -> number(number.toString(), out);
            case Boolean bool -> out.append(bool.toString());
            default -> text(value, out);
        }
    }

    /** {@code P1Y2M3DT4H5M6.5S}; {@code PT0S} for none. */
    static String iso8601(PGInterval interval) {
        StringBuilder date = new StringBuilder("P");
        append(date, interval.getYears(), 'Y');
        append(date, interval.getMonths(), 'M');
        append(date, interval.getDays(), 'D');
        StringBuilder time = new StringBuilder();
        append(time, interval.getHours(), 'H');
        append(time, interval.getMinutes(), 'M');
        long micros = Math.round(interval.getSeconds() * 1_000_000);
        if (micros != 0) {
            time.append(java.math.BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString()).append('S');
        }
        if (time.isEmpty()) {
            return date.length() == 1 ? "PT0S" : date.toString();
        }
        return date.append('T').append(time).toString();
    }

    private static void append(StringBuilder text, int amount, char unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }

    /** A JSON string (RFC 8259): quotes, backslashes and control characters escaped; null as null. */
    static void text(Object value, Appendable out) throws IOException {
        if (value == null) {
            out.append("null");
            return;
        }
        String text = value.toString();
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

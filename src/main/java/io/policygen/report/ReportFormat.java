package io.policygen.report;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * How {@code policygen report} prints a report: {@code table} (aligned, for a terminal), {@code csv} or {@code json}
 * (JSON Lines, types kept).
 */
public interface ReportFormat {

    String format(ReportTable table);

    /** Writes every row of the result set; this one reads them all first, a streaming format needs not. */
    default void write(ResultSet rows, Appendable out) throws SQLException, IOException {
        out.append(format(ReportTable.read(rows)));
    }

    static Optional<ReportFormat> named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "table" -> Optional.of(new TableFormat(TableFormat.DEFAULT_MAX_WIDTH));
            case "csv" -> Optional.of(new CsvFormat());
            case "json" -> Optional.of(new JsonFormat());
            default -> Optional.empty();
        };
    }
}

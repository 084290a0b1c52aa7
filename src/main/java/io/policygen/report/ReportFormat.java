package io.policygen.report;

import java.util.Locale;
import java.util.Optional;

/** How {@code policygen report} prints a report: {@code table} (aligned, for a terminal) or {@code csv}. */
public interface ReportFormat {

    String format(ReportTable table);

    static Optional<ReportFormat> named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "table" -> Optional.of(new TableFormat(TableFormat.DEFAULT_MAX_WIDTH));
            case "csv" -> Optional.of(new CsvFormat());
            default -> Optional.empty();
        };
    }
}

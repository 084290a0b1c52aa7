package io.policygen.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The reports that ship in the jar, read from the migrations that define them ({@code db/reports/R__NAME.sql}),
 * so that the list can never disagree with the views. Lists them without a database.
 */
public final class Reports {

    static final String LOCATION = "classpath*:db/reports/R__*.sql";

    private final List<Report> reports;

    Reports(List<Report> reports) {
        this.reports = reports.stream().sorted(Comparator.comparing(Report::name)).toList();
    }

    public static Reports load() {
        try {
            List<Report> reports = new ArrayList<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                String file = resource.getFilename();
                String name = file.substring("R__".length(), file.length() - ".sql".length());
                try (InputStream in = resource.getInputStream()) {
                    reports.add(new Report(name, question(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
                }
            }
            return new Reports(reports);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report definitions (" + LOCATION + ")", e);
        }
    }

    public List<Report> all() {
        return reports;
    }

    /** By its view name, or without the {@code report_} prefix: {@code runs} is {@code report_runs}. */
    public Optional<Report> find(String name) {
        return reports.stream()
                .filter(report -> report.name().equals(name) || report.name().equals("report_" + name))
                .findFirst();
    }

    /** The names and questions, one report a line, names aligned. */
    public String describe() {
        int width = reports.stream().mapToInt(report -> report.name().length()).max().orElse(0);
        StringBuilder text = new StringBuilder();
        for (Report report : reports) {
            text.append("  ").append(report.name()).append(" ".repeat(width - report.name().length() + 2))
                    .append(report.question()).append('\n');
        }
        return text.toString();
    }

    /** The first line of the file, a comment that says which question the report answers. */
    static String question(String sql) {
        String first = sql.lines().findFirst().orElse("").strip();
        return first.startsWith("--") ? first.substring(2).strip() : "";
    }
}

package io.policygen.report;

/**
 * One SQL report: a view created by {@code db/reports/R__NAME.sql}, a Flyway repeatable migration.
 *
 * @param name the view's name, {@code report_...}
 * @param question what it answers: the file's opening comment line
 */
public record Report(String name, String question) {
}

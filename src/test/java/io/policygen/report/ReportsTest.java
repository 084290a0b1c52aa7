package io.policygen.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportsTest {

    private final Reports reports = Reports.load();

    @Test
    void shouldListEveryReportOfDbReportsWithItsQuestion() {
        assertThat(reports.all()).extracting(Report::name).containsExactly("report_account_progress", "report_failures",
                "report_gap_actions", "report_gap_by_account", "report_permission_set_gap", "report_policies", "report_principal_status",
                "report_privilege_gap", "report_runs", "report_unused_principals");
        assertThat(reports.all()).allSatisfy(report -> assertThat(report.question()).endsWith("?"));
        assertThat(reports.find("report_runs").orElseThrow().question()).startsWith("How did each run go");
    }

    @Test
    void shouldFindAReportWithOrWithoutItsPrefix() {
        assertThat(reports.find("runs")).isEqualTo(reports.find("report_runs")).isPresent();
        assertThat(reports.find("run")).isEmpty();
        assertThat(reports.find("report_runs; drop table run")).isEmpty();
    }

    @Test
    void shouldDescribeReportsOneALineNamesAligned() {
        assertThat(reports.describe().lines())
                .hasSize(10)
                .contains("  report_runs                " + reports.find("runs").orElseThrow().question());
    }

    @Test
    void shouldTakeTheQuestionFromTheOpeningComment() {
        assertThat(Reports.question("-- Which?\n-- more\ncreate view x as select 1;")).isEqualTo("Which?");
        assertThat(Reports.question("create view x as select 1;")).isEmpty();
    }
}

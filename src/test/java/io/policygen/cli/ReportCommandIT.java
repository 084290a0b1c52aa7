package io.policygen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code policygen report} against a real PostgreSQL: its output, and its exit codes for every kind of mistake. */
@ExtendWith(TestPostgres.class)
class ReportCommandIT {

    private static TestDatabase database;
    private static long runId;

    private Cli cli;

    @BeforeAll
    static void oneRun(TestDatabase testDatabase) {
        database = testDatabase;
        runId = JdbcClient.create(database.dataSource()).sql("""
                        insert into run (started_at, ended_at, status, exit_code, aws_calls, throttled_calls, message)
                        values (timestamptz '2026-11-01 01:00:00Z', timestamptz '2026-11-01 02:00:00Z', 'COMPLETED', 0, 1200, 7,
                                'done, all of it') returning run_id""")
                .query(Long.class).single();
    }

    private int report(String... args) {
        List<String> all = new ArrayList<>(List.of("report"));
        all.addAll(List.of(args));
        all.addAll(List.of(database.springProperties()).stream().map(property -> "--" + property).toList());
        cli = Cli.run(all.toArray(String[]::new));
        return cli.exitCode();
    }

    /** Without the test's database: only the jar's own application.properties, not ./config/application.yml. */
    private int reportWithout(String... args) {
        List<String> all = new ArrayList<>(List.of("report", "--spring.config.location=classpath:/"));
        all.addAll(List.of(args));
        cli = Cli.run(all.toArray(String[]::new));
        return cli.exitCode();
    }

    private String out() {
        return cli.out();
    }

    private String err() {
        return cli.err();
    }

    @Test
    void shouldPrintAReportAsAnAlignedTable() {
        int exit = report("report_runs");

        assertThat(exit).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("run_id  started_at").contains("  status     exit_code  accounts_worked");
        assertThat(lines.get(1)).matches("-{6}  -+  .*");
        assertThat(lines.get(2)).startsWith(String.format("%6d  ", runId)).contains("  01:00:00  COMPLETED          0  ")
                .endsWith("1200                7  done, all of it");
        assertThat(lines.get(3)).isEqualTo("(1 row)");
        assertThat(err()).isEmpty();
    }

    @Test
    void shouldPrintCsvWithTheShortName() {
        int exit = report("runs", "--format", "csv");

        assertThat(exit).isZero();
        assertThat(out()).startsWith("run_id,started_at,ended_at,duration,status,exit_code,accounts_worked,generations_started,"
                        + "succeeded,failed,lost,open,rejected,quota_stops,aws_calls,throttled_calls,message\r\n" + runId + ",")
                .endsWith(",01:00:00,COMPLETED,0,0,0,0,0,0,0,0,0,1200,7,\"done, all of it\"\r\n");
    }

    @Test
    void shouldPrintJsonLinesWithTheColumnsTypesKept() {
        int exit = report("runs", "--format", "json");

        assertThat(exit).isZero();
        assertThat(out().lines().toList()).singleElement().asString()
                .startsWith("{\"run_id\":" + runId + ",\"started_at\":\"2026-11-01T01:00:00Z\",\"ended_at\":\"2026-11-01T02:00:00Z\","
                        + "\"duration\":\"PT1H\",\"status\":\"COMPLETED\",\"exit_code\":0,\"accounts_worked\":0,")
                .endsWith(",\"aws_calls\":1200,\"throttled_calls\":7,\"message\":\"done, all of it\"}");
        assertThat(err()).isEmpty();
    }

    @Test
    void shouldPrintAReportFromTheCallersDataSource() throws Exception {
        StringBuilder text = new StringBuilder();

        ReportCommand.print(database.dataSource(), "report_runs", "csv", text);

        assertThat(text.toString()).startsWith("run_id,started_at,").endsWith(",\"done, all of it\"\r\n").hasLineCount(2);
        assertThatThrownBy(() -> ReportCommand.print(database.dataSource(), "secrets", "csv", text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no report named 'secrets'");
        assertThatThrownBy(() -> ReportCommand.print(database.dataSource(), "runs", "xml", text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format must be table, csv or json");
    }

    @Test
    void shouldRefuseAnUnknownReportNamingTheReports() {
        int exit = report("report_secrets");

        assertThat(exit).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(cli.errLines()).containsExactly("policygen report: no report named 'report_secrets' (the reports:"
                + " report_account_progress, report_failures, report_gap_actions, report_gap_by_account, report_permission_set_gap,"
                + " report_policies, report_principal_status, report_privilege_gap, report_runs, report_unused_principals);"
                + " see 'policygen report --help'");
    }

    @Test
    void shouldListTheReportsWhenNoneIsNamed() {
        assertThat(report()).isZero();
        assertThat(out()).startsWith("Usage: policygen report [NAME]").containsPattern("report_runs +How did each run go");
    }

    @Test
    void shouldNameTheDatabaseUrlWhenNoneIsSet() {
        int exit = reportWithout("runs");

        assertThat(exit).isEqualTo(2);
        assertThat(cli.errLines()).singleElement().asString().startsWith("policygen: no database: spring.datasource.url is not set;");
    }

    @Test
    void shouldNameTheSettingAndTheVariableWhenAVariableItNeedsIsNotSet() {
        int exit = reportWithout("runs", "--spring.datasource.url=jdbc:postgresql://localhost:1/nowhere",
                "--spring.datasource.password=${POLICYGEN_REPORT_TEST_UNSET}");

        assertThat(exit).isEqualTo(2);
        assertThat(cli.errLines()).containsExactly("policygen: invalid configuration: spring.datasource.password: Could not resolve"
                + " placeholder 'POLICYGEN_REPORT_TEST_UNSET' in value \"${POLICYGEN_REPORT_TEST_UNSET}\": set that variable, or give"
                + " spring.datasource.password another value");
    }

    @Test
    void shouldFailWithExitOneInOneLineWhenTheDatabaseCannotBeReached() {
        int exit = reportWithout("runs", "--spring.datasource.url=jdbc:postgresql://localhost:1/nowhere");

        assertThat(exit).isEqualTo(1);
        assertThat(cli.errLines()).singleElement().asString()
                .startsWith("policygen: cannot reach the database at jdbc:postgresql://localhost:1/nowhere: Connection to localhost:1 refused.");
    }

    @Test
    void shouldCallARefusedLoginConfigurationNamingWhereThePasswordCameFrom() {
        int exit = reportWithout("runs", "--spring.datasource.url=" + database.url(), "--spring.datasource.username=nobody",
                "--spring.datasource.password=secret-of-nobody");

        assertThat(exit).isEqualTo(2);
        assertThat(cli.errLines()).singleElement().asString()
                .startsWith("policygen: the database at " + database.url() + " refused the login of user 'nobody' (FATAL: ")
                .endsWith("): check the user and its password, which came from the command line (--spring.datasource.password)")
                .doesNotContain("secret-of-nobody");
    }

    @Test
    void shouldWriteTheGapPageAsHtml() {
        int exit = report("privilege_gap", "--format", "html");

        assertThat(exit).isZero();
        assertThat(out()).startsWith("<!DOCTYPE html>").contains("<title>policygen: least-privilege gap</title>",
                "no gap computed yet", "0 principals reviewed").endsWith("</html>\n");
        assertThat(err()).isEmpty();
    }
}

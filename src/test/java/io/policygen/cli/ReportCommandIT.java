package io.policygen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

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
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(database.springProperties()).stream().map(property -> "--" + property).toList());
        return ReportCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
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
                        + "succeeded,failed,open,rejected,quota_stops,aws_calls,throttled_calls,message\r\n" + runId + ",")
                .endsWith(",01:00:00,COMPLETED,0,0,0,0,0,0,0,0,1200,7,\"done, all of it\"\r\n");
    }

    @Test
    void shouldPrintAReportFromTheCallersDataSource() throws Exception {
        StringBuilder text = new StringBuilder();

        ReportCommand.print(database.dataSource(), "report_runs", "csv", text);

        assertThat(text.toString()).startsWith("run_id,started_at,").endsWith(",\"done, all of it\"\r\n").hasLineCount(2);
        assertThatThrownBy(() -> ReportCommand.print(database.dataSource(), "secrets", "csv", text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no report named 'secrets'");
        assertThatThrownBy(() -> ReportCommand.print(database.dataSource(), "runs", "xml", text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format must be table or csv");
    }

    @Test
    void shouldRefuseAnUnknownReportAndListTheReports() {
        int exit = report("report_secrets");

        assertThat(exit).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("no report named 'report_secrets'").contains("report_account_progress", "report_failures",
                "report_policies", "report_principal_status", "report_runs");
    }

    @Test
    void shouldListTheReportsWhenNoneIsNamed() {
        assertThat(report()).isZero();
        assertThat(out()).startsWith("usage: java -jar policygen.jar report NAME").containsPattern("report_runs +How did each run go");
    }

    @Test
    void shouldRefuseAnUnknownFormat() {
        assertThat(report("runs", "--format=xml")).isEqualTo(2);
        assertThat(err()).contains("--format must be table or csv, not 'xml'");
    }

    /** Only the jar's own application.properties: not ./config/application.yml, wherever the test runs. */
    private static final String JAR_CONFIG_ONLY = "--spring.config.location=classpath:/";

    @Test
    void shouldSayWhenThereIsNoDatabaseToReadFrom() {
        int exit = ReportCommand.run(new String[] {"runs", JAR_CONFIG_ONLY}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err()).contains("no database: set spring.datasource.url");
    }

    @Test
    void shouldNameTheSettingWhenAVariableItNeedsIsNotSet() {
        int exit = ReportCommand.run(new String[] {"runs", "--spring.datasource.url=jdbc:postgresql://localhost:1/nowhere",
                        "--spring.datasource.password=${POLICYGEN_REPORT_TEST_UNSET}", JAR_CONFIG_ONLY},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err()).contains("invalid configuration: spring.datasource.*:").contains("POLICYGEN_REPORT_TEST_UNSET");
    }

    @Test
    void shouldFailWithExitOneWhenTheDatabaseCannotBeReached() {
        int exit = ReportCommand.run(new String[] {"runs", "--spring.datasource.url=jdbc:postgresql://localhost:1/nowhere", JAR_CONFIG_ONLY},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(err()).contains("cannot read report_runs from jdbc:postgresql://localhost:1/nowhere");
    }
}

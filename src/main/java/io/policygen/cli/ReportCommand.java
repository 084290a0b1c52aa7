package io.policygen.cli;

import io.policygen.report.GapReport;
import io.policygen.report.Report;
import io.policygen.report.ReportFormat;
import io.policygen.report.Reports;
import io.policygen.run.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code report NAME [--format table|csv|json] [--spring.datasource.url=...]}: prints one report. The database is the
 * job's, found the way the {@code run} command finds it ({@code spring.datasource.url/username/password} from the
 * command line, the environment, application.properties or .yml), but through a bare Spring context: no job, no
 * pool, no migrations. Reading is all it does, in a read-only transaction, so a {@code policygen_reader} login can
 * run it. Without a name it lists the reports; {@code report privilege_gap --format html} writes the gap page. Exit
 * codes: 0 printed (or listed), 2 bad usage, an unknown report or a refused login, 1 the database failed.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Version.class,
        customSynopsis = "policygen report [NAME] [--format table|csv|json] [--verbose] [--NAME=VALUE...]%n"
                + "       policygen report privilege_gap --format html > gap.html",
        description = {"Prints a report from the job's database; without a NAME, lists them.",
                "The database is the run command's, given the same ways, e.g.",
                "  --spring.config.additional-location=file:application.yml",
                "  --spring.datasource.url=jdbc:postgresql://HOST:5432/DB",
                "  SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD",
                "A login in the read-only role policygen_reader may read every report.", ""})
public final class ReportCommand implements Callable<Integer> {

    private static final String HTML = "html";
    private static final String GAP_REPORT = "report_privilege_gap";
    /** PostgreSQL's undefined_table. */
    private static final String UNDEFINED_TABLE = "42P01";
    /** Rows fetched at a time: a CSV or JSON export of every principal streams. */
    private static final int FETCH_SIZE = 1000;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The report, e.g. account_progress or report_account_progress.")
    private String name;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = {"table (aligned, the default), csv, or json: one object",
                    "per row and line (JSON Lines), numbers, booleans, JSON,",
                    "arrays and ISO-8601 times kept as such;",
                    "html for privilege_gap: one self-contained page."})
    private String format;

    @Mixin
    private Verbosity verbosity;

    @Unmatched
    private List<String> arguments = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        // an unknown option first: "--fromat csv" would otherwise read as a report named csv
        List<String> properties = SpringArguments.of(arguments, spec.commandLine());
        Reports reports = Reports.load();
        PrintWriter out = spec.commandLine().getOut();
        // checked before anything else: a bad format is refused even where it would not be used (the list)
        boolean gapPage = HTML.equalsIgnoreCase(format);
        ReportFormat reportFormat = gapPage ? null : ReportFormat.named(format).orElseThrow(() ->
                new ParameterException(spec.commandLine(), "--format must be table, csv, json or html (privilege_gap only), not '"
                        + format + "'"));
        if (name == null) {
            out.print(spec.commandLine().getUsageMessage());
            out.print("reports:\n" + reports.describe());
            out.flush();
            return ExitCode.COMPLETED.code();
        }
        Report report = reports.find(name).orElseThrow(() -> new ParameterException(spec.commandLine(), "no report named '" + name
                + "' (the reports: " + String.join(", ", reports.all().stream().map(Report::name).toList()) + ")"));
        if (gapPage) {
            return html(report, properties, out);
        }
        DatabaseSettings database = settings(properties).requireUrl();
        try {
            print(database.dataSource(), report, reportFormat, out);
        } catch (SQLException e) {
            throw failure(report, database, e);
        } finally {
            out.flush();
        }
        return ExitCode.COMPLETED.code();
    }

    /** {@code --format html}: the gap page, one self-contained file, from report_privilege_gap and report_gap_by_account. */
    private Integer html(Report report, List<String> properties, PrintWriter out) {
        if (!report.name().equals(GAP_REPORT)) {
            throw new ParameterException(spec.commandLine(), "--format html is for privilege_gap only (the page of the"
                    + " least-privilege gap); " + report.name() + " prints as table, csv or json");
        }
        DatabaseSettings database = settings(properties).requireUrl();
        try {
            printHtml(database.dataSource(), out);
        } catch (SQLException e) {
            throw failure(report, database, e);
        } finally {
            out.flush();
        }
        return ExitCode.COMPLETED.code();
    }

    /** Writes the gap page ({@link GapReport}) from a database the caller already has (the demo's). */
    public static void printHtml(DataSource dataSource, Appendable out) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false); // one snapshot: the ranked table and the accounts agree
            try {
                out.append(GapReport.render(GapReport.read(connection, GapReport.MAX_PRINCIPALS)));
            } catch (IOException e) {
                throw new SQLException("cannot write the gap page: " + e.getMessage(), e);
            } finally {
                connection.rollback();
            }
        }
    }

    private static CommandFailure failure(Report report, DatabaseSettings database, SQLException e) {
        if (UNDEFINED_TABLE.equals(e.getSQLState())) {
            return new CommandFailure(ExitCode.FAILED, report.name() + " is not in this database (" + database.safeUrl()
                    + "): the job's migrations create the reports; run policygen once against it", e);
        }
        return DatabaseLogin.failure(database, e);
    }

    /**
     * Prints a report from a database the caller already has (the demo's): {@code name} as {@code report NAME}
     * takes it ({@code account_progress} or {@code report_account_progress}), {@code format} {@code table},
     * {@code csv} or {@code json}.
     *
     * @throws IllegalArgumentException for an unknown report or format
     */
    public static void print(DataSource dataSource, String name, String format, Appendable out) throws SQLException {
        Reports reports = Reports.load();
        Report report = reports.find(name).orElseThrow(() -> new IllegalArgumentException(
                "no report named '" + name + "'; the reports:\n" + reports.describe()));
        ReportFormat reportFormat = ReportFormat.named(format).orElseThrow(() -> new IllegalArgumentException(
                "format must be table, csv or json, not '" + format + "'"));
        print(dataSource, report, reportFormat, out);
    }

    private static void print(DataSource dataSource, Report report, ReportFormat format, Appendable out) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false); // PostgreSQL's driver fetches in batches only inside a transaction
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(FETCH_SIZE);
                // the name is one of the known reports, never the user's text
                try (ResultSet rows = statement.executeQuery("select * from " + report.name())) {
                    format.write(rows, out);
                }
            } catch (IOException e) {
                throw new SQLException("cannot write " + report.name() + ": " + e.getMessage(), e);
            } finally {
                connection.rollback();
            }
        }
    }

    /** {@code spring.datasource.*} as Spring Boot would resolve them for the job, from a context with nothing in it. */
    static DatabaseSettings settings(List<String> springArguments) {
        SpringApplication application = new SpringApplication(Settings.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setRegisterShutdownHook(false);
        try (ConfigurableApplicationContext context = application.run(springArguments.toArray(String[]::new))) {
            return DatabaseSettings.of(context.getEnvironment());
        } catch (RuntimeException e) {
            throw StartupFailures.describe(e, null);
        }
    }

    /** An empty context: only the environment is wanted. Not a @Configuration, so the job's scan never picks it up. */
    static final class Settings {
    }
}
